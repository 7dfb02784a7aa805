// SPDX-License-Identifier: Apache-2.0
#include "conversationsearch.h"

#include "conversationlistquery.h"
#include "searchsnippet.h"
#include "searchterms.h"
#include "storerows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

// snippet(): the message column, our two marks (bytes UTF-8 never holds, see searchsnippet.h),
// "…" (U+2026) where the message goes on, and about a row's width of words.
constexpr auto kSnippet =
    "snippet(messages_fts, 0, CAST(X'FF' AS TEXT), CAST(X'FE' AS TEXT), char(8230), 10)";

// A window: one FTS5 index read newest first (ORDER BY rowid DESC, which FTS5 walks without
// sorting) and cut by its bound LIMIT before anything is joined to it.
QString window(const char* name, const char* columns, const char* index, const QString& selected)
{
    return QStringLiteral("%1(%2) AS (SELECT %3 FROM %4 WHERE %4 MATCH ? ORDER BY rowid DESC LIMIT ?)")
        .arg(QLatin1String(name), QLatin1String(columns), selected, QLatin1String(index));
}

} // namespace

bool ConversationSearch::wholeWordsFillTheWindow(const QString& textWords) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? "
                       "ORDER BY rowid DESC LIMIT ?)"));
    q.addBindValue(textWords);
    q.addBindValue(kMessageWindow);
    // On an error the page's own statement fails too and says why.
    return q.exec() && q.next() && q.value(0).toInt() >= kMessageWindow;
}

SqlStatement ConversationSearch::statement(const ConversationFilter& filter, int limit,
                                           const std::optional<PageCursor>& after,
                                           const QString& conversationId) const
{
    const SearchTerms terms = SearchTerms::fromTyped(filter.search, filter.needsHumanOnly());
    if (terms.isEmpty())
        return {};

    SqlStatement sql;
    QStringList windows;
    QStringList hits;
    if (!terms.nameWords.isEmpty()) {
        windows << window("name_words", "conversation_rowid", "contact_words_fts", QStringLiteral("rowid"));
        sql.binds << terms.nameWords << kNameWindow;
        hits << QStringLiteral("SELECT conversation_rowid, NULL, NULL FROM name_words");
    }
    if (!terms.substring.isEmpty()) {
        windows << window("name_substrings", "conversation_rowid", "contact_trigram_fts",
                          QStringLiteral("rowid"));
        sql.binds << terms.substring << kNameWindow;
        hits << QStringLiteral("SELECT conversation_rowid, NULL, NULL FROM name_substrings");
    }
    if (!terms.textWords.isEmpty()) {
        // A prefix costs as many matches as it has; whole words that already fill the window
        // are the newest matches anyway.
        const bool prefix = terms.textPrefix != terms.textWords && !wholeWordsFillTheWindow(terms.textWords);
        windows << window("message_window", "message_id, snippet", "messages_fts",
                          QStringLiteral("rowid, ") + QLatin1String(kSnippet));
        sql.binds << (prefix ? terms.textPrefix : terms.textWords) << kMessageWindow;
        hits << QStringLiteral("SELECT c.rowid, m.id, w.snippet FROM message_window AS w "
                               "JOIN messages AS m ON m.id = w.message_id "
                               "JOIN conversations AS c ON c.id = m.conversation_id");
    }
    // Each conversation once; with max() SQLite takes the other bare column (the snippet) from the
    // same row, so a conversation shows its newest matching message.
    windows << QStringLiteral("hits(conversation_rowid, message_id, snippet) AS (") +
                   hits.join(QLatin1String(" UNION ALL ")) + u')';
    windows << QStringLiteral(
        "matched(conversation_rowid, message_id, snippet) AS (SELECT conversation_rowid, "
        "MAX(message_id), snippet FROM hits GROUP BY conversation_rowid)");

    // CROSS JOIN keeps the matches as the outer loop: at most two name windows and a message
    // window of rows, whatever the inbox holds, sorted for the page.
    sql.text = QStringLiteral("WITH ") + windows.join(QLatin1String(", ")) + QStringLiteral(" SELECT ") +
               conversationColumnsOf(u"c") +
               QStringLiteral(", CAST(matched.snippet AS BLOB) FROM matched CROSS JOIN conversations AS c "
                              "ON c.rowid = matched.conversation_rowid WHERE 1 = 1");
    if (const auto view = ConversationListQuery::viewCondition(filter, u"c"); !view.condition.isEmpty()) {
        sql.text += QLatin1String(" AND ") + view.condition;
        sql.binds << view.binds;
    }
    if (after) {
        sql.text += QLatin1String(" AND ") + ConversationListQuery::keysetCondition(filter.view, u"c");
        sql.binds << ConversationListQuery::keysetBinds(filter.view, *after);
    }
    if (!conversationId.isEmpty()) {
        sql.text += QLatin1String(" AND c.id = ?");
        sql.binds << conversationId;
    }
    sql.text += QLatin1String(" ORDER BY ") + ConversationListQuery::orderBy(filter.view, u"c") +
                QLatin1String(" LIMIT ?");
    sql.binds << limit;
    return sql;
}

Expected<QList<Conversation>> ConversationSearch::run(const SqlStatement& statement) const
{
    using Result = Expected<QList<Conversation>>;
    if (statement.text.isEmpty())
        return Result(QList<Conversation>());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(statement.text))
        return Result::failure(q.lastError().text());
    for (const QVariant& v : statement.binds)
        q.addBindValue(v);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    QList<Conversation> rows;
    while (q.next()) {
        const QSqlRecord record = q.record();
        Conversation c = conversationFromRecord(record);
        const int snippet = record.count() - 1;
        if (!record.isNull(snippet))
            c.matchSnippet = snippetFromMarkedBytes(record.value(snippet).toByteArray());
        rows.append(std::move(c));
    }
    return rows;
}

} // namespace zapito
