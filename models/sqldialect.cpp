// SPDX-License-Identifier: Apache-2.0
#include "sqldialect.h"

#include <QRegularExpression>
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

QString SqlDialect::ftsQuery(const QString& typed)
{
    // Words only: FTS5 syntax characters (", *, :, ^, parentheses, AND/OR) typed by a person
    // must never turn into query syntax or a syntax error.
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList terms;
    auto it = word.globalMatch(typed);
    while (it.hasNext())
        terms << QString(u'"' + it.next().captured(0) + QLatin1String("\"*"));
    return terms.join(u' ');
}

SqlDialect::TextSearch SqlDialect::messageTextSearch(const QString& typed) const
{
    const QString fts = ftsQuery(typed);
    if (fts.isEmpty())
        return {};
    if (m_kind == Kind::PostgreSQL) {
        // No FTS5 there: the same words, all required, as prefixes, through a text-search vector.
        QString prefixes = fts;
        prefixes.replace(QLatin1String("\"*"), QLatin1String(":*"))
            .remove(u'"')
            .replace(u' ', QLatin1String(" & "));
        return {QStringLiteral("id IN (SELECT conversation_id FROM messages "
                               "WHERE to_tsvector('simple', content) @@ to_tsquery('simple', ?))"),
                prefixes};
    }
    return {QStringLiteral("id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m "
                           "ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?)"),
            fts};
}

} // namespace zapito
