// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

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
    // How long a statement waits for another connection's lock before it fails as busy.
    QString busyTimeout(int ms) const;
    // Run first in ensureBot's write transaction so two processes never both create the first bot;
    // empty where the write transaction already excludes other writers (SQLite's BEGIN IMMEDIATE).
    QString lockForFirstBot() const;
    // Makes a connection refuse every write (the reader thread's).
    QString readOnlySession() const;

    // A condition on conversations.id matching conversations with a message whose text matches
    // what a person typed, and the one value it binds; empty condition when nothing searchable
    // was typed. SQLite uses the FTS5 index of migration 0002.
    struct TextSearch
    {
        QString condition;
        QString bind;
    };
    TextSearch messageTextSearch(const QString& typed) const;

    // The conversation list's search on PostgreSQL (SQLite's is ConversationSearch, over FTS5):
    // a condition on conversations that uses the trigram indexes of the folded name and of the
    // number / handle and the messages' text-search vector, and a column with the snippet of the
    // conversation's newest matching message, marked as SQLite's (kSnippetHitStart / End). Each
    // comes with the values it binds; both are empty when nothing searchable was typed.
    struct ListSearch
    {
        QString snippetColumn;
        QVariantList snippetBinds;
        QString condition;
        QVariantList conditionBinds;
    };
    static ListSearch postgresListSearch(const QString& typed);
    // The tsquery text for what was typed: every word whole and all required, the last one also
    // as a prefix when it has three characters or more (as SearchTerms::textPrefix).
    static QString tsQuery(const QString& typed);
    // The FTS5 query for what a person typed: every word as a prefix, all words required.
    static QString ftsQuery(const QString& typed);

private:
    Kind m_kind;
};

} // namespace zapito
