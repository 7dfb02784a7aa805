// SPDX-License-Identifier: Apache-2.0
#include "domain.h"

namespace zapito {

namespace {
template<typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::pair<Enum, const char16_t*> (&table)[N], const QString& text)
{
    for (const auto& [value, name] : table) {
        if (text == QStringView(name))
            return value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QString name(const std::pair<Enum, const char16_t*> (&table)[N], Enum value)
{
    for (const auto& [v, n] : table) {
        if (v == value)
            return QString::fromUtf16(n);
    }
    return {};
}

const std::pair<HandoffReason, const char16_t*> reasons[] = {
    {HandoffReason::Handoff, u"handoff"},
    {HandoffReason::Escalate, u"escalate"},
    {HandoffReason::ModelError, u"model_error"},
    {HandoffReason::OutOfCredits, u"out_of_credits"},
};
const std::pair<ConversationStatus, const char16_t*> statuses[] = {
    {ConversationStatus::Bot, u"bot"},
    {ConversationStatus::Handoff, u"handoff"},
    {ConversationStatus::Operator, u"operator"},
};
const std::pair<SendState, const char16_t*> sendStates[] = {
    {SendState::Pending, u"pending"},
    {SendState::Sent, u"sent"},
    {SendState::Failed, u"failed"},
};
const std::pair<MessageKind, const char16_t*> kinds[] = {
    {MessageKind::Message, u"message"},
    {MessageKind::Note, u"note"},
};
const std::pair<MessageRole, const char16_t*> roles[] = {
    {MessageRole::User, u"user"},
    {MessageRole::Assistant, u"assistant"},
    {MessageRole::Operator, u"operator"},
};
const std::pair<DeliveryOutcome, const char16_t*> outcomes[] = {
    {DeliveryOutcome::Pending, u"pending"},
    {DeliveryOutcome::Sent, u"sent"},
    {DeliveryOutcome::Failed, u"failed"},
    {DeliveryOutcome::Skipped, u"skipped"},
};
} // namespace

QString asString(HandoffReason reason)
{
    return name(reasons, reason);
}
QString asString(ConversationStatus status)
{
    return name(statuses, status);
}
QString asString(MessageRole role)
{
    return name(roles, role);
}
QString asString(DeliveryOutcome outcome)
{
    return name(outcomes, outcome);
}
QString asString(SendState state)
{
    return name(sendStates, state);
}
QString asString(MessageKind kind)
{
    return name(kinds, kind);
}
MessageKind messageKindFromString(const QString& text)
{
    return lookup(kinds, text).value_or(MessageKind::Message);
}
SendState sendStateFromString(const QString& text)
{
    return lookup(sendStates, text).value_or(SendState::None);
}
std::optional<HandoffReason> handoffReasonFromString(const QString& text)
{
    return lookup(reasons, text);
}
std::optional<ConversationStatus> conversationStatusFromString(const QString& text)
{
    return lookup(statuses, text);
}
std::optional<MessageRole> messageRoleFromString(const QString& text)
{
    return lookup(roles, text);
}
std::optional<DeliveryOutcome> deliveryOutcomeFromString(const QString& text)
{
    return lookup(outcomes, text);
}

QString toIsoUtcMs(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString toIsoUtcMs(const QDateTime& at)
{
    return toIsoUtcMs(at.toMSecsSinceEpoch());
}

} // namespace zapito
