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
    Bot,     // the bot answers
    Handoff, // a human is needed; the bot is silent
};

enum class MessageRole
{
    User,
    Assistant,
    Operator
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
std::optional<HandoffReason> handoffReasonFromString(const QString& text);
std::optional<ConversationStatus> conversationStatusFromString(const QString& text);
std::optional<MessageRole> messageRoleFromString(const QString& text);
std::optional<DeliveryOutcome> deliveryOutcomeFromString(const QString& text);

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
};

struct Message
{
    qint64 id = 0;
    QString conversationId;
    MessageRole role = MessageRole::User;
    QString content;
    qint64 atMs = 0;
    QString externalMessageId; // the channel's id, to store a repeated delivery once
};

struct HandoffEvent
{
    qint64 id = 0; // also the webhook delivery id
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
