// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "agent.h"
#include "pipelinestore.h"

#include <QHash>
#include <QObject>

#include <chrono>
#include <functional>

namespace zapito {

// Decides each conversation one batch at a time, in arrival order: takes every customer message
// still undecided, asks the agent once with the recent transcript, and records the decision (and
// the text to send) in one transaction. Messages that arrive meanwhile are stored and wait for the
// next round; once the bot no longer has the conversation, they are only marked decided.
// Nothing is kept in memory that the store does not also say, so a restart simply resumes.
class ConversationDecider final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;
    static constexpr int kAgentContextMessages = 20;

    ConversationDecider(PipelineStore& store, Agent& agent, Clock clock, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConversationDecider)

    void setAgent(Agent& agent) { m_agent = &agent; }
    void setBot(Bot bot) { m_bot = std::move(bot); }
    const Bot& bot() const { return m_bot; }
    // How long to wait before trying again when the store refused a write (a locked database).
    void setRetryDelay(std::chrono::milliseconds delay) { m_retryDelay = delay; }

    // Something new may wait in this conversation.
    void schedule(const QString& conversationId);
    // Every conversation with an undecided message (at start-up).
    void resumeAll();
    // Decisions in flight or waiting for a retry.
    int busyCount() const { return int(m_busy.size()); }

signals:
    void decided(const QString& conversationId, const zapito::PipelineStore::Decided& decision);
    void problem(const QString& conversationId, const QString& message);
    // Nothing is left to decide in the conversation for now (answered, or silently marked).
    void idle(const QString& conversationId);

private:
    struct State
    {
        bool inFlight = false; // the agent is deciding, or a retry is scheduled
        bool again = false;    // scheduled while in flight: look once more afterwards
    };

    void run(const QString& conversationId);
    void record(const QString& conversationId, qint64 uptoSeq, const AgentDecision& decision);
    void finish(const QString& conversationId);
    void retryLater(const QString& conversationId, const QString& why);

    PipelineStore& m_store;
    Agent* m_agent;
    Clock m_clock;
    Bot m_bot;
    std::chrono::milliseconds m_retryDelay{1000};
    QHash<QString, State> m_busy; // only conversations with work in progress
};

} // namespace zapito
