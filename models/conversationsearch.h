// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"
#include "domain.h"
#include "expected.h"

#include <QSqlDatabase>
#include <QVariantList>

#include <optional>

namespace zapito {

// One SQL statement and the values it binds, in order.
struct SqlStatement
{
    QString text;
    QVariantList binds;
};

// The conversation list's search on SQLite. The full-text indexes drive it and every limit is
// inside them, so a page reads a few windows of index rows whatever the inbox holds.
//
// Three windows, each an FTS5 index read newest row first (rowid order, which FTS5 walks without
// sorting) and cut at a fixed size: the kNameWindow most recently created conversations whose
// name matches word by word (accents folded), the kNameWindow most recently created whose name or
// number holds what was typed (trigram), and the kMessageWindow most recently stored messages that
// match, each with its snippet. Their conversations, each once and with its newest matching
// message, are the results, most recent activity first, and pages go on by the list's usual
// keyset (last_activity_ms, id) over that same set: each result comes once, and a live change is
// placed as everywhere else in the list. The trade-off: a term matching more than a window
// reaches only the window — a name more than 1,000 conversations share shows the 1,000 newest of
// them, a word in more than 500 messages the conversations of its 500 newest; typing more
// narrows it. Anything rarer is found in full.
//
// Two costs still follow the data, both inside FTS5 and small: a substring is checked on every
// row holding its rarest three characters (for a phone number's digits about 1 number in 100), and
// a last word taken as a prefix merges every word it starts, which is why it is asked for only
// when the whole word matches fewer messages than a window.
//
// Needs a human + search: the name windows hold only waiting conversations (the indexes carry a
// needs_human token), so every waiting conversation of that name or number is found; the message
// window is the same one, filtered by status, so a common word finds the waiting conversations
// among its newest 500 messages.
class ConversationSearch final
{
public:
    static constexpr int kNameWindow = 1000;
    static constexpr int kMessageWindow = 500;

    explicit ConversationSearch(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    // The statement of one page (or, given a conversation id, of that one conversation if it is
    // among the results). It reads the database once to choose between whole words and a prefix
    // for the last word (SearchTerms::textPrefix). Empty text when nothing searchable was typed.
    [[nodiscard]] SqlStatement statement(const ConversationFilter& filter, int limit,
                                         const std::optional<PageCursor>& after = {},
                                         const QString& conversationId = {}) const;
    // Runs such a statement; nothing to search finds nothing.
    [[nodiscard]] Expected<QList<Conversation>> run(const SqlStatement& statement) const;

private:
    bool wholeWordsFillTheWindow(const QString& textWords) const;

    QSqlDatabase m_db;
};

} // namespace zapito
