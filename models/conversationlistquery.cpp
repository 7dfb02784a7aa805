// SPDX-License-Identifier: Apache-2.0
#include "conversationlistquery.h"

#include "sqldialect.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

QString likePattern(const QString& text)
{
    QString pattern = text;
    pattern.replace(u'\\', QLatin1String("\\\\"))
        .replace(u'%', QLatin1String("\\%"))
        .replace(u'_', QLatin1String("\\_"));
    return QString(u'%' + pattern + u'%');
}

struct Sql
{
    QString text;
    QVariantList binds;
};

Sql filteredSelect(const SqlDialect& dialect, const ConversationFilter& filter)
{
    const QString search = filter.search.simplified();
    // SQLite's search is ConversationSearch: only PostgreSQL's comes through here.
    const SqlDialect::ListSearch found = search.isEmpty() || dialect.kind() != SqlDialect::Kind::PostgreSQL
                                             ? SqlDialect::ListSearch{}
                                             : SqlDialect::postgresListSearch(search);
    Sql sql{QStringLiteral("SELECT ") + QLatin1String(kConversationColumns) +
                (found.snippetColumn.isEmpty() ? QString() : QStringLiteral(", ") + found.snippetColumn) +
                QLatin1String(" FROM conversations WHERE 1 = 1"),
            found.snippetBinds};
    if (filter.needsHumanOnly)
        sql.text += QLatin1String(" AND status = 'handoff'");
    if (search.isEmpty())
        return sql;
    if (dialect.kind() == SqlDialect::Kind::PostgreSQL) {
        sql.text += QLatin1String(" AND ") + found.condition;
        sql.binds << found.conditionBinds;
        return sql;
    }

    QStringList alternatives{QStringLiteral("contact_name LIKE ? ESCAPE '\\'")};
    sql.binds << likePattern(search);
    // "+55 11 9999" finds the WhatsApp number 55119999…
    QString digits = search;
    digits.remove(QRegularExpression(QStringLiteral("[\\s+()\\-.]")));
    const bool looksLikeNumber =
        !digits.isEmpty() && std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit(); });
    alternatives << QStringLiteral("external_id LIKE ? ESCAPE '\\'");
    sql.binds << likePattern(looksLikeNumber ? digits : search);
    if (const auto text = dialect.messageTextSearch(search); !text.condition.isEmpty()) {
        alternatives << text.condition;
        sql.binds << text.bind;
    }
    sql.text += QLatin1String(" AND (") + alternatives.join(QLatin1String(" OR ")) + u')';
    return sql;
}

Expected<QList<Conversation>> run(const QSqlDatabase& db, const Sql& sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql.text))
        return Expected<QList<Conversation>>::failure(q.lastError().text());
    for (const QVariant& v : sql.binds)
        q.addBindValue(v);
    if (!q.exec())
        return Expected<QList<Conversation>>::failure(q.lastError().text());
    QList<Conversation> rows;
    while (q.next()) {
        const QSqlRecord record = q.record();
        Conversation c = conversationFromRecord(record);
        // PostgreSQL's search adds the snippet as a last column, already marked as text.
        if (constexpr int kSnippetColumn = 12;
            record.count() > kSnippetColumn && !record.isNull(kSnippetColumn))
            c.matchSnippet = record.value(kSnippetColumn).toString();
        rows.append(std::move(c));
    }
    return rows;
}

} // namespace

QString ConversationListQuery::ftsQuery(const QString& typed)
{
    return SqlDialect::ftsQuery(typed);
}

bool ConversationListQuery::searchesIndexes(const ConversationFilter& filter) const
{
    return !filter.search.simplified().isEmpty() &&
           SqlDialect::forDatabase(m_db).kind() == SqlDialect::Kind::SQLite;
}

ConversationListQuery::Statement
ConversationListQuery::pageStatement(const ConversationFilter& filter, int limit,
                                     const std::optional<PageCursor>& after) const
{
    if (searchesIndexes(filter))
        return ConversationSearch(m_db).statement(filter, limit, after);
    Sql sql = filteredSelect(SqlDialect::forDatabase(m_db), filter);
    if (after) {
        sql.text += QLatin1String(" AND (last_activity_ms, id) < (?, ?)");
        sql.binds << after->lastActivityMs << after->conversationId;
    }
    sql.text += QLatin1String(" ORDER BY last_activity_ms DESC, id DESC LIMIT ?");
    sql.binds << limit;
    return {sql.text, sql.binds};
}

Expected<QList<Conversation>> ConversationListQuery::page(const ConversationFilter& filter, int limit,
                                                          const std::optional<PageCursor>& after) const
{
    const Statement statement = pageStatement(filter, limit, after);
    if (searchesIndexes(filter))
        return ConversationSearch(m_db).run(statement);
    return run(m_db, Sql{statement.text, statement.binds});
}

Expected<std::optional<Conversation>> ConversationListQuery::matching(const ConversationFilter& filter,
                                                                      const QString& conversationId) const
{
    using Result = Expected<std::optional<Conversation>>;
    Expected<QList<Conversation>> rows = QList<Conversation>();
    if (searchesIndexes(filter)) {
        // Among the very results a page would show (the same windows), with its snippet: a live
        // change keeps the row as paging would have it.
        const ConversationSearch search(m_db);
        rows = search.run(search.statement(filter, 1, {}, conversationId));
    } else {
        Sql sql = filteredSelect(SqlDialect::forDatabase(m_db), filter);
        sql.text += QLatin1String(" AND id = ?");
        sql.binds << conversationId;
        rows = run(m_db, sql);
    }
    if (!rows)
        return Result::failure(rows.error());
    if (rows->isEmpty())
        return Result(std::optional<Conversation>());
    return Result(std::optional<Conversation>(rows->constFirst()));
}

} // namespace zapito
