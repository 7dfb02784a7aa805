// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "agent.h"

#include <QHash>
#include <QStringList>

namespace zapito::test {

// An agent that hands off on the customer lines it was told about (with the reason it was told)
// and otherwise answers with one of a few canned replies.
class ScriptedAgent final : public Agent
{
public:
    void handOffOn(const QString& customerText, HandoffReason reason)
    {
        m_handoffs.insert(customerText, reason);
    }
    void decide(const AgentRequest& request, Done done) override
    {
        const QString text =
            request.recentTranscript.isEmpty() ? QString() : request.recentTranscript.constLast().content;
        if (m_handoffs.contains(text)) {
            const HandoffReason reason = m_handoffs.value(text);
            QString message = defaultHandoffMessage();
            if (reason == HandoffReason::ModelError)
                message =
                    QStringLiteral("Sorry, I'm having trouble right now. A team member will reply here.");
            else if (reason == HandoffReason::OutOfCredits)
                message = QStringLiteral("A team member will continue this conversation with you shortly.");
            done(AgentDecision::handoff(reason, message));
            return;
        }
        static const QStringList replies{
            QStringLiteral("Thanks! Our opening hours are 8am–6pm, Monday to Saturday."),
            QStringLiteral("Sure — your order is on its way and should arrive tomorrow."),
            QStringLiteral("You can pay by card, Pix or cash on delivery."),
            QStringLiteral("Happy to help. Anything else?"),
        };
        done(AgentDecision::reply(replies.at(int(qHash(text) % replies.size()))));
    }

private:
    QHash<QString, HandoffReason> m_handoffs;
};

} // namespace zapito::test
