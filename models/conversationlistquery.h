// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationsearch.h"
#include "conversationstore.h"
#include "domain.h"
#include "expected.h"

#include <QSqlDatabase>

#include <optional>

namespace zapito {

// The conversation list's SQL: one filtered, keyset-paged read (in the view's order) and a
// check whether one conversation passes the filter, used to place live changes. On SQLite a search
// is ConversationSearch: contact names, phone numbers / handles and message text through their
// FTS5 indexes (0002, 0005) in bounded windows, each result with the snippet of its matching
// message. PostgreSQL (team mode, no migrations yet) keeps LIKE and a text-search vector.
class ConversationListQuery final
{
public:
    explicit ConversationListQuery(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    [[nodiscard]] Expected<QList<Conversation>> page(const ConversationFilter& filter, int limit,
                                                     const std::optional<PageCursor>& after = {}) const;

    // The very statement page() runs, so tests can EXPLAIN it. A search with nothing searchable
    // in it (only punctuation, say) has an empty text: page() then finds nothing without asking.
    using Statement = SqlStatement;
    [[nodiscard]] Statement pageStatement(const ConversationFilter& filter, int limit,
                                          const std::optional<PageCursor>& after = {}) const;
    // The conversation if it exists and passes the filter; std::nullopt when it does not pass.
    [[nodiscard]] Expected<std::optional<Conversation>> matching(const ConversationFilter& filter,
                                                                 const QString& conversationId) const;

    // A view's rows as a condition on `table`'s columns, with its values.
    struct ViewSql
    {
        QString condition; // empty: every conversation
        QVariantList binds;
    };
    static ViewSql viewCondition(const ConversationFilter& filter, QStringView table);
    // A view's order: waiting longest first (handoff time) in Needs a human, else newest activity
    // first; equal keys by id. The keyset condition of the page after `PageCursor` in that order.
    static QString orderBy(InboxView view, QStringView table);
    static QString keysetCondition(InboxView view, QStringView table);
    static QVariantList keysetBinds(InboxView view, const PageCursor& after);
    // The same order for rows in memory (the list model places live changes by it).
    static bool comesBefore(InboxView view, const Conversation& a, const Conversation& b);

    // The FTS5 query for what a person typed: every word as a prefix, all words required.
    // Empty when nothing searchable was typed. (PostgreSQL's search; SQLite's bounded search asks
    // for whole words and at most one prefix, see SearchTerms.)
    static QString ftsQuery(const QString& typed);

private:
    bool searchesIndexes(const ConversationFilter& filter) const;

    QSqlDatabase m_db;
};

} // namespace zapito
