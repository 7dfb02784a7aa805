// SPDX-License-Identifier: Apache-2.0
#include "presencestore.h"

#include "sqldialect.h"
#include "storeclock.h"

#include <QSqlError>

namespace zapito {

PresenceStore::PresenceStore(QSqlDatabase db, QString seatId)
    : m_db(std::move(db))
    , m_seatId(std::move(seatId))
    , m_clock(m_db.isOpen() ? storeClockMs(SqlDialect::forDatabase(m_db)) : QString())
{}

QSqlQuery* PresenceStore::prepared(std::optional<QSqlQuery>& query, const QString& sql, QString* error)
{
    if (query)
        return &*query;
    if (m_clock.isEmpty()) {
        *error = QStringLiteral("the connection is not open");
        return nullptr;
    }
    query.emplace(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql.arg(m_clock))) {
        *error = query->lastError().text();
        query.reset();
        return nullptr;
    }
    return &*query;
}

Status PresenceStore::write(const Own& own)
{
    QString error;
    // NULL + a time is NULL: not typing clears the column in the same statement.
    QSqlQuery* q = prepared(m_write,
                            QStringLiteral("UPDATE seats SET operator_name = ?, viewing_conversation_id = ?, "
                                           "typing_until_ms = %1 + ? WHERE id = ?"),
                            &error);
    if (!q)
        return Status::failure(error);
    const bool typing = !own.viewing.isEmpty() && own.typingForMs > 0;
    q->bindValue(0, own.operatorName.isNull() ? QStringLiteral("") : own.operatorName);
    q->bindValue(1, own.viewing.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(own.viewing));
    q->bindValue(2, typing ? QVariant(own.typingForMs) : QVariant(QMetaType(QMetaType::LongLong)));
    q->bindValue(3, m_seatId);
    if (!q->exec()) {
        error = q->lastError().text();
        m_write.reset();
        return Status::failure(error);
    }
    const int rows = q->numRowsAffected();
    q->finish();
    if (rows != 1)
        return Status::failure(QStringLiteral("this seat has no row yet"));
    return Status::ok();
}

Expected<Presence> PresenceStore::others(qint64 freshSinceMs)
{
    QString error;
    QSqlQuery* q = prepared(
        m_read,
        QStringLiteral("SELECT viewing_conversation_id, operator_name, "
                       "CASE WHEN typing_until_ms > %1 THEN 1 ELSE 0 END FROM seats "
                       "WHERE id <> ? AND heartbeat_at_ms >= ? AND viewing_conversation_id IS NOT NULL"),
        &error);
    if (!q)
        return Expected<Presence>::failure(error);
    q->bindValue(0, m_seatId);
    q->bindValue(1, freshSinceMs);
    if (!q->exec()) {
        error = q->lastError().text();
        m_read.reset();
        return Expected<Presence>::failure(error);
    }
    Presence presence;
    while (q->next())
        presence.add(q->value(0).toString(), q->value(1).toString(), q->value(2).toInt() == 1);
    // Done with the rows: SQLite's read transaction ends here, not at the next read.
    q->finish();
    return presence;
}

} // namespace zapito
