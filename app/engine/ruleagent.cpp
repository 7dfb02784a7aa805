// SPDX-License-Identifier: Apache-2.0
#include "ruleagent.h"

#include <QRegularExpression>

namespace zapito {

RuleAgent::RuleAgent()
    : m_keywords{QStringLiteral("human"),   QStringLiteral("person"),   QStringLiteral("agent"),
                 QStringLiteral("someone"), QStringLiteral("operator"), QStringLiteral("humano"),
                 QStringLiteral("pessoa"),  QStringLiteral("atendente")}
    , m_cannedReply(QStringLiteral("Thanks for your message! I'm the assistant; ask me anything, or say "
                                   "\"human\" to talk to a person."))
{}

void RuleAgent::decide(const AgentRequest& request, Done done)
{
    const QString text =
        request.recentTranscript.isEmpty() ? QString() : request.recentTranscript.constLast().content;
    for (const QString& keyword : std::as_const(m_keywords)) {
        // Whole words only: "agenda" does not ask for an agent.
        const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(keyword)),
                                      QRegularExpression::CaseInsensitiveOption |
                                          QRegularExpression::UseUnicodePropertiesOption);
        if (word.match(text).hasMatch()) {
            done(AgentDecision::handoff(HandoffReason::Handoff, defaultHandoffMessage()));
            return;
        }
    }
    done(AgentDecision::reply(m_cannedReply));
}

} // namespace zapito
