// SPDX-License-Identifier: Apache-2.0
#include "channelstate.h"

#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

ChannelState::ChannelState(Database& database)
    : m_database(database)
{}

QString ChannelState::value(const QString& key, const QString& fallback) const
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT value FROM channel_state WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return fallback;
    return q.value(0).toString();
}

Status ChannelState::setValue(const QString& key, const QString& value)
{
    QSqlQuery q(m_database.connection());
    // Portable upsert (SQLite 3.24+ and PostgreSQL share this syntax).
    q.prepare(QStringLiteral("INSERT INTO channel_state (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("") : value);
    if (!q.exec())
        return Status::failure(q.lastError().text());
    return Status::ok();
}

Expected<qint64> ChannelState::addTo(const QString& key, qint64 delta)
{
    QSqlQuery q(m_database.connection());
    // Not a read and a write: under READ COMMITTED two such pairs would both read n and both write
    // n + 1. The upsert's update reads the row it locks, so the second waits and adds to the first.
    q.prepare(QStringLiteral("INSERT INTO channel_state (key, value) VALUES (?, CAST(? AS TEXT)) "
                             "ON CONFLICT (key) DO UPDATE SET value = "
                             "CAST(CAST(channel_state.value AS BIGINT) + ? AS TEXT) RETURNING value"));
    q.addBindValue(key);
    q.addBindValue(delta);
    q.addBindValue(delta);
    if (!q.exec() || !q.next())
        return Expected<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

} // namespace zapito
