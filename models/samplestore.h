// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"

#include <QStringList>

namespace zapito {

class ConversationStore;

// The SQL behind the sample conversations: marking them, settling their handoffs as if the
// webhook had run (no outbox row, so nothing is ever POSTed), and removing them in one go.
class SampleStore final
{
public:
    explicit SampleStore(const ConversationStore& store)
        : m_store(store)
    {}

    // A real conversation on this bot, channel and external id; samples never take one over.
    [[nodiscard]] Expected<bool> isTakenByRealConversation(const QString& botId, const QString& channel,
                                                           const QString& externalId) const;
    [[nodiscard]] Status markAsSample(const QString& conversationId) const;
    // Removes the outbox row and records the outcome and attempts the dispatcher would have.
    [[nodiscard]] Status settleDelivery(qint64 handoffEventId, qint64 eventAtMs, DeliveryOutcome outcome,
                                        const QList<DeliveryAttempt>& attempts) const;
    [[nodiscard]] Expected<bool> hasSamples() const;
    // Deletes every sample conversation (messages, events and attempts cascade); their ids.
    [[nodiscard]] Expected<QStringList> removeSamples() const;

private:
    const ConversationStore& m_store;
};

} // namespace zapito
