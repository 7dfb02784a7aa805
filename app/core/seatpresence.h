// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "presence.h"

#include <QObject>
#include <QString>

namespace zapito {

class PresenceWorker;

// This seat's presence, as the window tells it, and the other seats', as it arrives: the
// owner's side of PresenceWorker, whose statements run on the leadership's thread. Every call
// here only queues work there, so a key press or a new selection never waits for the store.
class SeatPresence final : public QObject
{
    Q_OBJECT
public:
    explicit SeatPresence(PresenceWorker* worker, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(SeatPresence)

    // The name the other seats show for this one.
    void setOperatorName(const QString& name);
    // The conversation this seat's window shows (empty: none, or the window is hidden).
    void setViewing(const QString& conversationId);
    const QString& viewing() const { return m_viewing; }
    // A key changed the reply being written (cheap: call it on every edit).
    void typed();
    // The reply was sent or emptied.
    void stoppedTyping();
    // Reads the other seats' presence from now on (the window; --headless never shows it).
    void watch();
    // The other seats' presence as last read; othersChanged() says when it moves.
    const Presence& others() const { return m_others; }

signals:
    void othersChanged(const zapito::Presence& others);
    // A write of this seat's presence ended on the leadership's thread: whether it landed. For
    // diagnostics and tests.
    void written(bool ok);

private:
    PresenceWorker* const m_worker; // lives on the leadership's thread
    QString m_viewing;
    Presence m_others;
};

} // namespace zapito
