// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "agent.h"

#include <QStringList>

namespace zapito {

// The simplest useful bot: a customer asking for a person reaches the handoff node; anything
// else gets a canned reply. Stands in until the flow-and-model agent is configured.
class RuleAgent final : public Agent
{
public:
    RuleAgent();
    void decide(const AgentRequest& request, Done done) override;

    void setHandoffKeywords(QStringList keywords) { m_keywords = std::move(keywords); }
    void setCannedReply(QString reply) { m_cannedReply = std::move(reply); }

private:
    QStringList m_keywords;
    QString m_cannedReply;
};

} // namespace zapito
