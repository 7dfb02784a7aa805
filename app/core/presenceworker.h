// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "presence.h"
#include "presencestore.h"
#include "seattimings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

class QTimer;

namespace zapito {

// Presence's database work, on the leadership's thread with its connection (one session per
// seat on PostgreSQL, and a stalled statement stalls that thread, never the window): writes this
// seat's operator, the conversation it shows and its typing on the seat's row as soon as they
// change (typing at most once per SeatTimings::typingThrottle while keys are pressed), and, while
// a window watches, reads every other seat's presence every SeatTimings::presencePoll and says
// when it changed.
//
// Made on the owner's thread as a child of the LeadershipWorker and moved with it; everything
// but the constructor runs on the worker thread. Its row goes with the seat's (a clean exit
// deletes it), so it leaves nothing of its own behind.
class PresenceWorker final : public QObject
{
    Q_OBJECT
public:
    PresenceWorker(QString seatId, SeatTimings timings, std::function<QSqlDatabase()> connection,
                   QObject* parent);
    Q_DISABLE_COPY_MOVE(PresenceWorker)

    void setOperatorName(const QString& name);
    void setViewing(const QString& conversationId);
    // A key changed the reply being written in the viewed conversation.
    void typed();
    // The reply was sent or emptied: no longer typing, at once.
    void stoppedTyping();
    // A window shows the others' presence: read it now and every poll from now on.
    void watch();

signals:
    // The other seats' presence changed (from the worker thread).
    void othersChanged(const zapito::Presence& others);
    // This seat's presence was written (or not: busy, or no row yet; it is written again).
    void written(bool ok);

private:
    void ensureTimers();
    void write();
    void tick();
    void readOthers();
    PresenceStore& store();

    const QString m_seatId;
    const SeatTimings m_timings;
    const std::function<QSqlDatabase()> m_connection;
    std::optional<PresenceStore> m_store; // on the connection, made at the first statement
    PresenceStore::Own m_own;
    bool m_typing = false;
    bool m_dirty = false; // a write failed or waits for the seat's row: written on the next tick
    bool m_watching = false;
    QElapsedTimer m_lastKey;
    QElapsedTimer m_lastTypingWrite;
    Presence m_others;
    QTimer* m_poll = nullptr;     // reads the others, retries a write that failed
    QTimer* m_trailing = nullptr; // the typing write a throttled key still owes
};

} // namespace zapito
