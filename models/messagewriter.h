// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"

#include <QSqlDatabase>

namespace zapito {

// A message about to be written; the store gives it its sequence and its time.
struct NewMessage
{
    QString conversationId;
    MessageRole role = MessageRole::User;
    QString content;
    qint64 nowMs = 0; // the store's clock; the message never gets a time before its predecessor's
    QString externalMessageId;
    std::optional<qint64> channelAtMs;
    bool decided = true;
    SendState sendState = SendState::None;
    QString author;
    // A note changes nothing the list shows (preview, activity, unread): it was not said.
    MessageKind kind = MessageKind::Message;
};

// Writes inside the caller's open write transaction (or as a statement of its own), so that the
// message, its sequence number and the conversation's activity, preview and unread count change
// together or not at all.
class MessageWriter final
{
public:
    explicit MessageWriter(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    // Appends with the conversation's next sequence number, at max(nowMs, previous message's time),
    // so transcript and webhook times never go backwards even when the clock does. A message whose
    // channel id the conversation already has is not written again: the stored one is returned and
    // `alreadyStored` set, and the caller rolls back (its sequence number was taken).
    Expected<Message> append(const NewMessage& message, bool* alreadyStored = nullptr);

    // Finds or creates the conversation of (bot, channel, externalId); a non-empty contact name
    // replaces the stored one, since channels report the customer's current name.
    Expected<Conversation> upsertConversation(const QString& botId, const QString& channel,
                                              const QString& externalId, const QString& contactName,
                                              qint64 atMs);

    // The conversation's message with this channel id, if the channel delivered it before.
    Expected<std::optional<Message>> findByExternalId(const QString& conversationId,
                                                      const QString& externalMessageId);
    // Puts a message we wrote into the channel outbox, due at once.
    Status queueForSending(const Message& message, qint64 nowMs);

    // A random id with a readable prefix (conv_…, bot_…).
    static QString newId(QStringView prefix);
    // The one-line preview the list shows.
    static QString previewOf(const QString& content);

private:
    QSqlDatabase m_db;
};

} // namespace zapito
