// SPDX-License-Identifier: Apache-2.0
#include "botagent.h"

#include "creditbudget.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcAgent, "zapito.agent")

namespace zapito {

BotAgent::BotAgent(CreditBudget& budget, QObject* parent)
    : QObject(parent)
    , m_budget(budget)
{}

void BotAgent::setConfig(BotConfig config)
{
    m_config = std::move(config);
    m_budget.setMonthlyLimit(m_config.monthlyModelReplies);
}

std::optional<AgentDecision> BotAgent::flowDecision(const QString& text) const
{
    // Log to CRM is only kept so old flows load; ruleFor() passes over it.
    const FlowRule* rule = m_config.ruleFor(text);
    if (!rule)
        return std::nullopt;
    if (rule->action == FlowRule::Action::Handoff) {
        const QString message =
            rule->text.trimmed().isEmpty() ? m_config.effectiveHandoffMessage() : rule->text;
        return AgentDecision::handoff(HandoffReason::Handoff, message);
    }
    return AgentDecision::reply(rule->text);
}

void BotAgent::decide(const AgentRequest& request, Done done)
{
    const QString text =
        request.recentTranscript.isEmpty() ? QString() : request.recentTranscript.constLast().content;
    if (auto decision = flowDecision(text)) {
        done(*decision);
        return;
    }
    if (m_config.hasModel()) {
        askModel(request, std::move(done));
        return;
    }
    if (m_config.fallback == BotConfig::Fallback::Handoff)
        done(AgentDecision::handoff(HandoffReason::Handoff, m_config.effectiveHandoffMessage()));
    else
        done(AgentDecision::reply(m_config.effectiveFallbackReply()));
}

void BotAgent::askModel(const AgentRequest& request, Done done)
{
    const QString handoffMessage = m_config.effectiveHandoffMessage();
    if (m_budget.isExhausted()) {
        qCInfo(lcAgent) << "the monthly model budget of" << m_budget.monthlyLimit() << "replies is used up";
        done(AgentDecision::handoff(HandoffReason::OutOfCredits, handoffMessage));
        return;
    }
    ModelRequest model{m_config.modelBaseUrl, m_config.modelName,       m_apiKey,
                       m_config.instructions, request.recentTranscript, m_config.modelTimeoutMs};
    QPointer<BotAgent> self(this);
    m_model.complete(model, [self, handoffMessage, done = std::move(done)](const ModelOutcome& outcome) {
        switch (outcome.kind) {
        case ModelOutcome::Kind::Text:
            if (self)
                self->m_budget.spendOne();
            done(AgentDecision::reply(outcome.text));
            return;
        case ModelOutcome::Kind::RequestHuman:
            if (self)
                self->m_budget.spendOne();
            done(AgentDecision::handoff(HandoffReason::Escalate, handoffMessage));
            return;
        case ModelOutcome::Kind::NoQuota:
            done(AgentDecision::handoff(HandoffReason::OutOfCredits, handoffMessage));
            return;
        case ModelOutcome::Kind::Failed:
            done(AgentDecision::handoff(HandoffReason::ModelError, handoffMessage));
            return;
        }
    });
}

} // namespace zapito
