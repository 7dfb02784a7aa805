// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "presence.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace zapito {

// Presence in the store: each seat's operator, the conversation it views and until when it types,
// on the seat's own `seats` row (migration 0012). Used on the seat's worker thread with its
// connection, never on the event loop. Its two statements are prepared once and kept: on
// PostgreSQL a read once a second is then one round trip, not a prepare, an execute and a
// deallocate.
class PresenceStore
{
public:
    struct Own
    {
        QString operatorName;
        QString viewing;        // empty: no conversation shown
        qint64 typingForMs = 0; // from now on the store's clock; 0: not typing
    };

    PresenceStore(QSqlDatabase db, QString seatId);
    Q_DISABLE_COPY_MOVE(PresenceStore)

    // Writes this seat's presence on its row. Fails when the row is not there yet (its first
    // heartbeat has not been written) or the store is busy; the caller writes again later.
    Status write(const Own& own);

    // Every other seat's presence: rows of seats whose heartbeat is older than `freshSinceMs`
    // (processes that are gone, on the clock the heartbeats are written on) and this seat's own
    // row are left out; typing counts until its time on the store's clock.
    Expected<Presence> others(qint64 freshSinceMs);

private:
    // Prepares `query` with `sql` unless it is prepared already; a failed statement is prepared
    // again next time.
    QSqlQuery* prepared(std::optional<QSqlQuery>& query, const QString& sql, QString* error);

    QSqlDatabase m_db;
    const QString m_seatId;
    const QString m_clock;
    std::optional<QSqlQuery> m_write;
    std::optional<QSqlQuery> m_read;
};

} // namespace zapito
