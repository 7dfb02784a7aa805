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
    const ConversationListQuery::ViewSql view =
        ConversationListQuery::viewCondition(filter, u"conversations");
    if (!view.condition.isEmpty()) {
        sql.text += QLatin1String(" AND ") + view.condition;
        sql.binds << view.binds;
    }
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
        if (constexpr int kSnippetColumn = 16;
            record.count() > kSnippetColumn && !record.isNull(kSnippetColumn))
            c.matchSnippet = record.value(kSnippetColumn).toString();
        rows.append(std::move(c));
    }
    return rows;
}

} // namespace

ConversationListQuery::ViewSql ConversationListQuery::viewCondition(const ConversationFilter& filter,
                                                                    QStringView table)
{
    // Spelled as the partial indexes of migration 0008 are, so the planner can use them.
    const QString t = table.toString() + u'.';
    switch (filter.view) {
    case InboxView::All:
        return {};
    case InboxView::NeedsHuman:
        return {t + QLatin1String("status = 'handoff'"), {}};
    case InboxView::Mine:
        return {QStringLiteral("%1assignee = ? AND %1assignee IS NOT NULL AND (%1status <> 'bot' OR "
                               "%1resolved_at_ms IS NULL)")
                    .arg(t),
                {filter.me}};
    case InboxView::Bot:
        return {t + QLatin1String("inbox_state = 'bot'"), {}};
    case InboxView::Resolved:
        return {t + QLatin1String("inbox_state = 'resolved'"), {}};
    }
    return {};
}

QString ConversationListQuery::orderBy(InboxView view, QStringView table)
{
    const QString t = table.toString() + u'.';
    if (view == InboxView::NeedsHuman)
        return QStringLiteral("%1handoff_at_ms, %1id").arg(t);
    return QStringLiteral("%1last_activity_ms DESC, %1id DESC").arg(t);
}

QString ConversationListQuery::keysetCondition(InboxView view, QStringView table)
{
    const QString t = table.toString() + u'.';
    if (view == InboxView::NeedsHuman)
        return QStringLiteral("(%1handoff_at_ms, %1id) > (?, ?)").arg(t);
    return QStringLiteral("(%1last_activity_ms, %1id) < (?, ?)").arg(t);
}

QVariantList ConversationListQuery::keysetBinds(InboxView view, const PageCursor& after)
{
    if (view == InboxView::NeedsHuman)
        return {after.handoffAtMs, after.conversationId};
    return {after.lastActivityMs, after.conversationId};
}

bool ConversationListQuery::comesBefore(InboxView view, const Conversation& a, const Conversation& b)
{
    if (view == InboxView::NeedsHuman) {
        const qint64 aAt = a.handoffAtMs.value_or(0);
        const qint64 bAt = b.handoffAtMs.value_or(0);
        if (aAt != bAt)
            return aAt < bAt;
        return a.id < b.id;
    }
    if (a.lastActivityMs != b.lastActivityMs)
        return a.lastActivityMs > b.lastActivityMs;
    return a.id > b.id;
}

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
        sql.text += QLatin1String(" AND ") + keysetCondition(filter.view, u"conversations");
        sql.binds << keysetBinds(filter.view, *after);
    }
    sql.text +=
        QLatin1String(" ORDER BY ") + orderBy(filter.view, u"conversations") + QLatin1String(" LIMIT ?");
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
        sql.text += QLatin1String(" AND conversations.id = ?");
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
