// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "agent.h"
#include "botconfig.h"
#include "chatcompletionsclient.h"

#include <QObject>

#include <optional>

namespace zapito {

class CreditBudget;

// The bot: the flow's ordered rules first, then the model (if one is configured), else the
// fallback. Every handoff carries its reason: `handoff` (a flow node or the fallback),
// `escalate` (the model called request_human), `model_error`, `out_of_credits`.
class BotAgent final : public QObject, public Agent
{
    Q_OBJECT
public:
    explicit BotAgent(CreditBudget& budget, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(BotAgent)

    void setConfig(BotConfig config);
    const BotConfig& config() const { return m_config; }
    // The model's API key comes from the keychain, separately from the settings.
    void setModelApiKey(QString key) { m_apiKey = std::move(key); }
    // How many model calls may be at the provider at once (the setting
    // agent.maxConcurrentModelCalls); the others wait in order.
    void setMaxConcurrentModelCalls(int count) { m_model.setMaxConcurrentCalls(count); }

    void decide(const AgentRequest& request, Done done) override;

    // The flow's answer for `text`, or nothing when no rule answers (exposed for tests).
    std::optional<AgentDecision> flowDecision(const QString& text) const;

private:
    void askModel(const AgentRequest& request, Done done);

    CreditBudget& m_budget;
    BotConfig m_config;
    QString m_apiKey;
    ChatCompletionsClient m_model;
};

} // namespace zapito
