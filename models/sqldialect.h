// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace zapito {

// Everything that differs between SQLite (the embedded default) and PostgreSQL (team mode)
// lives here, so the rest of the store speaks one SQL.
class SqlDialect
{
public:
    enum class Kind
    {
        SQLite,
        PostgreSQL
    };

    static SqlDialect forDatabase(const QSqlDatabase& db);
    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    {}

    Kind kind() const { return m_kind; }
    // Resource folder holding this dialect's numbered migration files.
    QString migrationsFolder() const;
    // Statements run on every new connection (journal mode, foreign keys, timeouts).
    QStringList connectionSetup(int busyTimeoutMs) const;
    // Starts a read-then-write transaction that takes the write lock up front.
    QString beginWriteTransaction() const;

    // A condition on conversations.id matching conversations with a message whose text matches
    // what a person typed, and the one value it binds; empty condition when nothing searchable
    // was typed. SQLite uses the FTS5 index of migration 0002.
    struct TextSearch
    {
        QString condition;
        QString bind;
    };
    TextSearch messageTextSearch(const QString& typed) const;
    // The FTS5 query for what a person typed: every word as a prefix, all words required.
    static QString ftsQuery(const QString& typed);

private:
    Kind m_kind;
};

} // namespace zapito
