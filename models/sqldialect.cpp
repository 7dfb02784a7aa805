#include "sqldialect.h"

#include <QSqlDatabase>

namespace zapito {

SqlDialect SqlDialect::forDatabase(const QSqlDatabase& db)
{
    return SqlDialect(db.driverName() == QLatin1String("QPSQL") ? Kind::PostgreSQL : Kind::SQLite);
}

QString SqlDialect::migrationsFolder() const
{
    return m_kind == Kind::PostgreSQL ? QStringLiteral(":/migrations/postgres")
                                      : QStringLiteral(":/migrations/sqlite");
}

QStringList SqlDialect::connectionSetup(int busyTimeoutMs) const
{
    if (m_kind == Kind::PostgreSQL)
        return {QStringLiteral("SET TIME ZONE 'UTC'")};
    return {
        // busy_timeout first: the journal-mode switch itself may wait for a lock.
        QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
    };
}

QString SqlDialect::beginWriteTransaction() const
{
    return m_kind == Kind::PostgreSQL ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

} // namespace zapito
