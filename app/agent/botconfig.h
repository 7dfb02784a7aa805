#pragma once

#include "agent.h"
#include "flowrule.h"

#include <QList>
#include <QString>

namespace zapito {

// How the bot answers: its flow, its model and what happens when neither has an answer.
// Everything but the model's API key (a secret, kept in the keychain) is a plain setting.
struct BotConfig
{
    enum class Fallback
    {
        Reply,   // answer an unmatched message with `fallbackReply`
        Handoff, // hand an unmatched message to a human (reason `handoff`)
    };

    QString instructions = QStringLiteral("You are a friendly customer-support assistant. Answer briefly. "
                                          "If the customer asks for a person, call request_human.");
    QList<FlowRule> rules;
    QString handoffMessage = defaultHandoffMessage();
    Fallback fallback = Fallback::Reply;
    QString fallbackReply = QStringLiteral("Thanks for your message! A team member will read it soon; "
                                           "say \"human\" to talk to a person now.");

    // OpenAI-compatible chat completions (OpenAI, llama.cpp server, Ollama …): the model is used
    // when both the base URL (…/v1) and the model name are set.
    QString modelBaseUrl;
    QString modelName;
    int modelTimeoutMs = 60'000;
    int monthlyModelReplies = 0; // 0 = no local limit

    bool hasModel() const { return !modelBaseUrl.trimmed().isEmpty() && !modelName.trimmed().isEmpty(); }
    QString effectiveHandoffMessage() const
    {
        return handoffMessage.trimmed().isEmpty() ? defaultHandoffMessage() : handoffMessage;
    }
};

} // namespace zapito
