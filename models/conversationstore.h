// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"
#include "storequeries.h"
#include "storerows.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace zapito {

class Database;
class StoreReader;
class StoreWriter;

// Which conversations a page of the list shows; it turns into SQL, so filtering and paging
// happen in the database, never in a proxy model.
struct ConversationFilter
{
    InboxView view = InboxView::All;
    QString search; // what was typed in the search box (names, numbers, message text); empty for all
    QString me;     // the operator name Mine is for

    bool needsHumanOnly() const { return view == InboxView::NeedsHuman; }
    bool operator==(const ConversationFilter&) const = default;
};

// Where the next page starts: the last row of the previous page (keyset paging: newest first, or
// waiting longest first in Needs a human).
struct PageCursor
{
    qint64 lastActivityMs = 0;
    QString conversationId;
    qint64 handoffAtMs = 0;

    static PageCursor after(const Conversation& c)
    {
        return {c.lastActivityMs, c.id, c.handoffAtMs.value_or(0)};
    }
};

// The conversations, their messages and their handoff events in the SQL store. Every write
// goes through here and is announced by a signal, so item models stay live whoever wrote.
class ConversationStore : public QObject
{
    Q_OBJECT
public:
    explicit ConversationStore(Database& database, QObject* parent = nullptr);
    ~ConversationStore() override;
    Q_DISABLE_COPY_MOVE(ConversationStore)

    // The bot whose conversations this inbox holds; created with `defaultName` if none yet.
    Expected<Bot> ensureBot(const QString& defaultName);
    Expected<Bot> bot(const QString& botId) const;
    Status renameBot(const QString& botId, const QString& name);

    // Finds or creates the conversation of (bot, channel, externalId); a non-empty contact name
    // replaces the stored one, since channels report the customer's current name.
    Expected<Conversation> upsertConversation(const QString& botId, const QString& channel,
                                              const QString& externalId, const QString& contactName,
                                              qint64 atMs);
    Expected<Conversation> conversation(const QString& conversationId) const;

    struct Appended
    {
        Message message;
        bool duplicate = false; // the external message id was already stored; nothing written
    };
    // Stores a message and moves the conversation's last activity, preview and unread count; a
    // message we wrote counts as sent (imports and samples: the pipeline has its own path).
    Expected<Appended> appendMessage(const QString& conversationId, MessageRole role, const QString& content,
                                     qint64 atMs, const QString& externalMessageId = {});

    // Builds the webhook body from the conversation as it stands inside the hand-off transaction.
    using PayloadBuilder =
        std::function<QByteArray(const Bot& bot, const Conversation& conversation,
                                 const QList<Message>& transcript, HandoffReason reason, qint64 atMs)>;
    static constexpr int kTranscriptLength = 10;

    struct HandoffRecord
    {
        Message message;
        HandoffEvent event;
    };
    // In ONE transaction: stores the handoff message the customer was already sent, sets the status to
    // handoff, writes the handoff event with its payload (the last kTranscriptLength messages,
    // oldest first) and the webhook outbox row.
    Expected<HandoffRecord> recordHandoff(const QString& conversationId, const QString& handoffMessage,
                                          HandoffReason reason, qint64 atMs,
                                          const PayloadBuilder& buildPayload);

    struct Resolution
    {
        std::optional<HandoffEvent> event; // the handoff closed; none when an operator had taken over
    };
    // Gives the conversation back to the bot: closes the open handoff event, or ends an operator's
    // takeover, and records who resolved it and when. One conditional UPDATE decides between two
    // seats resolving at once: the second fails, changing nothing, and is told who resolved it
    // ("Already resolved by …").
    Expected<Resolution> resolve(const QString& conversationId, const QString& resolvedBy, qint64 atMs);
    // Undoes the last resolution: the handoff it closed is open again (with its reason and its
    // waiting time), or the operator has it again after a takeover. Fails, changing nothing, when
    // the conversation is not resolved (handed off again, reopened by someone else).
    Status reopen(const QString& conversationId);
    // Assigns the conversation to an operator ("Assign to me"); an empty name unassigns it.
    Status assign(const QString& conversationId, const QString& operatorName);
    Status markRead(const QString& conversationId);

    Expected<QList<Conversation>> conversationsPage(const ConversationFilter& filter, int limit,
                                                    const std::optional<PageCursor>& after = {}) const;
    using Counts = StoreQueries::Counts;
    // `me` picks the Mine count.
    Expected<Counts> counts(const QString& me = {}) const;

    // Messages in conversation order: the `limit` after sequence number `afterSeq` (0 for the first).
    Expected<QList<Message>> messages(const QString& conversationId, qint64 afterSeq, int limit) const;
    Expected<Message> message(qint64 messageId) const;
    // The last `count` messages, oldest first.
    Expected<QList<Message>> lastMessages(const QString& conversationId, int count) const;
    // The last `count` messages said to or by the customer (no notes), oldest first.
    Expected<QList<Message>> lastSaid(const QString& conversationId, int count) const;
    Expected<QList<HandoffEvent>> handoffEvents(const QString& conversationId) const;
    Expected<HandoffEvent> handoffEvent(qint64 handoffEventId) const;

    QSqlDatabase connection() const;
    // The window's reads run here, off the GUI thread, on a connection of their own; made on
    // first use (headless mode and the command line never need it).
    StoreReader& reader();
    // The window's writes run here, off the GUI thread, on a connection of their own that may
    // wait for another process's lock; made on first use, like the reader.
    StoreWriter& writer();

signals:
    void conversationChanged(const QString& conversationId);
    void messageAdded(const QString& conversationId, qint64 messageId);
    // A stored message changed: its send state, for instance.
    void messageChanged(const QString& conversationId, qint64 messageId);
    void handoffChanged(const QString& conversationId, qint64 handoffEventId);

private:
    Database& m_database;
    std::unique_ptr<StoreReader> m_reader;
    std::unique_ptr<StoreWriter> m_writer; // goes first: its queued writes announce here
};

} // namespace zapito
