// SPDX-License-Identifier: Apache-2.0
#include "conversationdecider.h"

#include "leadpayload.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcDecider, "zapito.engine.decider")

namespace zapito {

ConversationDecider::ConversationDecider(PipelineStore& store, Agent& agent, Clock clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_agent(&agent)
    , m_clock(std::move(clock))
{}

void ConversationDecider::schedule(const QString& conversationId)
{
    auto it = m_busy.find(conversationId);
    if (it != m_busy.end()) {
        it->again = true; // one decision in flight per conversation; this one waits its turn
        return;
    }
    run(conversationId);
}

void ConversationDecider::resumeAll()
{
    auto waiting = m_store.conversationsAwaitingDecision();
    if (!waiting) {
        emit problem({}, tr("Undecided messages could not be read: %1").arg(waiting.error()));
        return;
    }
    for (const QString& id : std::as_const(*waiting))
        schedule(id);
}

void ConversationDecider::run(const QString& conversationId)
{
    State& state = m_busy[conversationId];
    state.inFlight = true;
    state.again = false;

    auto pending = m_store.pending(conversationId, kAgentContextMessages);
    if (!pending) {
        retryLater(conversationId, pending.error());
        return;
    }
    if (!*pending) {
        finish(conversationId);
        return;
    }
    const PipelineStore::Pending& work = **pending;
    if (work.conversation.status != ConversationStatus::Bot || work.conversation.isSample) {
        // A human has it (or it is made up): the bot stays silent.
        auto silent = m_store.decideSilently(conversationId, work.uptoSeq);
        if (!silent) {
            retryLater(conversationId, silent.error());
            return;
        }
        finish(conversationId);
        return;
    }

    // The store reads no notes for the bot; dropping any here too keeps a future reader's slip
    // from putting the team's words into a model request.
    QList<Message> said = work.transcript;
    said.removeIf([](const Message& m) { return m.isNote(); });
    AgentRequest request{m_bot, work.conversation, said};
    const qint64 uptoSeq = work.uptoSeq;
    QPointer<ConversationDecider> self(this);
    m_agent->decide(request, [self, conversationId, uptoSeq](AgentDecision decision) {
        if (self)
            self->record(conversationId, uptoSeq, decision);
    });
}

void ConversationDecider::record(const QString& conversationId, qint64 uptoSeq, const AgentDecision& decision)
{
    const qint64 now = m_clock();
    auto recorded =
        decision.kind == AgentDecision::Kind::Reply
            ? m_store.decideReply(conversationId, uptoSeq, decision.text, now)
            : m_store.decideHandoff(conversationId, uptoSeq, decision.text, decision.reason, now,
                                    [](const Bot& bot, const Conversation& c,
                                       const QList<Message>& transcript, HandoffReason reason, qint64 atMs) {
                                        return buildLeadPayload(bot, c, transcript, reason, atMs);
                                    });
    if (!recorded) {
        // The messages stay undecided in the store; the next round decides them again.
        retryLater(conversationId, recorded.error());
        return;
    }
    if (recorded->discarded)
        qCInfo(lcDecider) << "a decision for" << conversationId << "came after a human took over; dropped";
    emit decided(conversationId, *recorded);
    finish(conversationId);
}

void ConversationDecider::finish(const QString& conversationId)
{
    auto it = m_busy.find(conversationId);
    if (it == m_busy.end())
        return;
    if (it->again) {
        run(conversationId);
        return;
    }
    m_busy.erase(it);
    emit idle(conversationId);
}

void ConversationDecider::retryLater(const QString& conversationId, const QString& why)
{
    qCWarning(lcDecider) << "deciding" << conversationId << "failed, trying again:" << why;
    emit problem(conversationId, tr("The bot's answer could not be recorded (%1); trying again.").arg(why));
    QPointer<ConversationDecider> self(this);
    QTimer::singleShot(m_retryDelay, this, [self, conversationId] {
        if (self)
            self->run(conversationId);
    });
}

} // namespace zapito
