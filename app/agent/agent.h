// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QList>
#include <QString>

#include <functional>

namespace zapito {

// What the bot does with a customer's message.
struct AgentDecision
{
    enum class Kind
    {
        Reply,   // answer with `text`
        Handoff, // send `text` (the handoff message), then hand the conversation to a human
    };
    Kind kind = Kind::Reply;
    QString text;
    HandoffReason reason = HandoffReason::Handoff;

    static AgentDecision reply(QString text)
    {
        return {Kind::Reply, std::move(text), HandoffReason::Handoff};
    }
    static AgentDecision handoff(HandoffReason reason, QString message)
    {
        return {Kind::Handoff, std::move(message), reason};
    }
};

struct AgentRequest
{
    Bot bot;
    Conversation conversation;
    QList<Message> recentTranscript; // oldest first, the new customer message last
};

inline QString defaultHandoffMessage()
{
    return QStringLiteral("Connecting you with a team member right away.");
}

// Decides how the bot answers. Implementations may answer later (a model call over the
// network); `done` must be called exactly once, on the thread decide() was called on.
class Agent
{
public:
    virtual ~Agent() = default;
    using Done = std::function<void(AgentDecision)>;
    virtual void decide(const AgentRequest& request, Done done) = 0;
};

} // namespace zapito
