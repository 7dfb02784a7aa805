// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"
#include "domain.h"
#include "expected.h"

#include <QSqlDatabase>

#include <optional>

namespace zapito {

// The conversation list's SQL: one filtered, keyset-paged read (newest activity first) and a
// check whether one conversation passes the filter, used to place live changes. Search covers
// contact names, phone numbers / handles (LIKE) and message text (the FTS5 index of 0002).
class ConversationListQuery final
{
public:
    explicit ConversationListQuery(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    [[nodiscard]] Expected<QList<Conversation>> page(const ConversationFilter& filter, int limit,
                                                     const std::optional<PageCursor>& after = {}) const;

    // The very statement page() runs, so tests can EXPLAIN it.
    struct Statement
    {
        QString text;
        QVariantList binds;
    };
    [[nodiscard]] Statement pageStatement(const ConversationFilter& filter, int limit,
                                          const std::optional<PageCursor>& after = {}) const;
    // The conversation if it exists and passes the filter; std::nullopt when it does not pass.
    [[nodiscard]] Expected<std::optional<Conversation>> matching(const ConversationFilter& filter,
                                                                 const QString& conversationId) const;

    // The FTS5 query for what a person typed: every word as a prefix, all words required.
    // Empty when nothing searchable was typed.
    static QString ftsQuery(const QString& typed);

private:
    QSqlDatabase m_db;
};

} // namespace zapito
