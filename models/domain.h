// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace zapito {

// Why the bot handed a conversation to a human. The strings are the webhook's `reason` values.
enum class HandoffReason
{
    Handoff,      // the flow reached its handoff node
    Escalate,     // the model asked for a human
    ModelError,   // the model call failed
    OutOfCredits, // the credit budget is exhausted or the provider says so
};

enum class ConversationStatus
{
    Bot,      // the bot answers
    Handoff,  // the agent asked for a human; the bot is silent
    Operator, // an operator took over by replying; the bot is silent, no handoff event
};

// The list's views, each with its kept count (migration 0008 says which rows each holds).
enum class InboxView
{
    All,
    NeedsHuman, // status handoff: the agent's escalations, waiting longest first
    Mine,       // not resolved and assigned to this seat's operator (a reply assigns)
    Bot,        // the bot is handling it and nobody resolved it since
    Resolved,   // back with the bot after an operator resolved it
};

// How the send of a message we wrote (bot, handoff or operator) went.
enum class SendState
{
    None,    // a customer's message: nothing to send
    Pending, // in the channel outbox
    Sent,
    Failed, // the channel refused it for good; sendError says why
};

enum class MessageRole
{
    User,
    Assistant,
    Operator
};

// What a message is: something said in the conversation (by the customer, the bot or an
// operator), or an operators' internal note beside it. A note is never sent to the customer,
// never in a webhook's transcript and never read by the bot.
enum class MessageKind
{
    Message,
    Note,
};

enum class DeliveryOutcome
{
    Pending,
    Sent,
    Failed,
    Skipped
};

QString asString(HandoffReason reason);
QString asString(ConversationStatus status);
QString asString(MessageRole role);
QString asString(DeliveryOutcome outcome);
QString asString(SendState state); // empty for None
QString asString(MessageKind kind);
MessageKind messageKindFromString(const QString& text); // Message for anything unknown
std::optional<HandoffReason> handoffReasonFromString(const QString& text);
std::optional<ConversationStatus> conversationStatusFromString(const QString& text);
std::optional<MessageRole> messageRoleFromString(const QString& text);
std::optional<DeliveryOutcome> deliveryOutcomeFromString(const QString& text);
SendState sendStateFromString(const QString& text); // None for anything unknown

// Times are stored as UTC milliseconds since the epoch and shown to receivers as
// ISO-8601 with milliseconds and a Z, e.g. 2026-07-01T12:00:00.000Z.
QString toIsoUtcMs(qint64 msecsSinceEpoch);
QString toIsoUtcMs(const QDateTime& at);

struct Bot
{
    QString id; // bot_…
    QString name;
};

struct Conversation
{
    QString id; // conv_…
    QString botId;
    QString channel; // whatsapp | telegram | preview
    QString externalId;
    QString contactName;
    ConversationStatus status = ConversationStatus::Bot;
    qint64 lastActivityMs = 0;
    QString lastMessagePreview;
    int unreadCount = 0;
    std::optional<HandoffReason> openHandoffReason;
    qint64 createdAtMs = 0;
    bool isSample = false;
    // Triage: the operator who has it (empty: nobody), the last resolution (kept until a new
    // handoff or takeover, so a resolved conversation says who resolved it), and when its open
    // (or last) handoff began.
    QString assignee;
    QString resolvedBy;
    std::optional<qint64> resolvedAtMs;
    std::optional<qint64> handoffAtMs;
    // In search results only: why it matched, a fragment of the matching message with each hit
    // between kSnippetHitStart and kSnippetHitEnd (searchsnippet.h). Empty when the name or the
    // number matched, and outside a search.
    QString matchSnippet;
};

// Resolved: back with the bot after a handoff or a takeover was closed, and not handed off since.
inline bool isResolved(const Conversation& c)
{
    return c.status == ConversationStatus::Bot && c.resolvedAtMs.has_value();
}

struct Message
{
    qint64 id = 0;
    QString conversationId;
    MessageRole role = MessageRole::User;
    QString content;
    qint64 atMs = 0;                   // when the store received or wrote it; never before the previous one
    QString externalMessageId;         // the channel's id, to store a repeated delivery once
    qint64 seq = 0;                    // position in the conversation, 1 first
    std::optional<qint64> channelAtMs; // the channel's own timestamp for a customer message
    bool decided = true;               // false while a customer message waits for the bot
    SendState sendState = SendState::None;
    QString sendError;
    QString author; // the operator who wrote it
    MessageKind kind = MessageKind::Message;
    bool isNote() const { return kind == MessageKind::Note; }
};

struct HandoffEvent
{
    qint64 id = 0;
    QString deliveryId; // random UUID, the webhook's X-Zapito-Delivery (same on retry and resend)
    QString conversationId;
    qint64 messageId = 0; // the handoff message sent to the customer
    HandoffReason reason = HandoffReason::Handoff;
    qint64 atMs = 0;
    std::optional<qint64> resolvedAtMs;
    QString resolvedBy;
    DeliveryOutcome deliveryOutcome = DeliveryOutcome::Pending;
};

struct DeliveryAttempt
{
    qint64 id = 0;
    qint64 handoffEventId = 0;
    qint64 attemptedAtMs = 0;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    QString error;      // empty on a 2xx
    qint64 durationMs = 0;
    QString kind; // first | retry | resend
};

// A message as a channel connector hands it over.
struct CustomerMessage
{
    QString channel;
    QString externalId;
    QString contactName; // empty when the channel did not say
    QString text;
    QDateTime at;
    QString externalMessageId;
};

} // namespace zapito

Q_DECLARE_METATYPE(zapito::HandoffReason)
Q_DECLARE_METATYPE(zapito::ConversationStatus)
Q_DECLARE_METATYPE(zapito::MessageRole)
Q_DECLARE_METATYPE(zapito::DeliveryOutcome)
Q_DECLARE_METATYPE(zapito::SendState)
Q_DECLARE_METATYPE(zapito::MessageKind)
