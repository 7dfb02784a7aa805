// SPDX-License-Identifier: Apache-2.0
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
    // A fresh install starts with the handoff rule of defaultRules(), so a customer who asks
    // for a person reaches one; it is an ordinary rule the operator may edit or remove.
    QList<FlowRule> rules = defaultRules();
    QString handoffMessage = defaultHandoffMessage();
    Fallback fallback = Fallback::Reply;
    // Empty: the automatic text of effectiveFallbackReply(), which offers a handoff word only
    // when the flow really hands off on it.
    QString fallbackReply;
    // The automatic fallback's two wordings, without a handoff word and with one ("%1"); the
    // settings hold them in the language of the first run.
    QString automaticFallbackReply =
        QStringLiteral("Thanks for your message! I don't have an answer to that here.");
    QString automaticFallbackReplyWithWord =
        QStringLiteral("Thanks for your message! I don't have an answer to that here; "
                       "say \"%1\" to talk to a person.");

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

    // The rule that answers `text`: the first that matches, Log to CRM skipped (a pass-through).
    const FlowRule* ruleFor(const QString& text) const;
    // A keyword that, sent on its own, hands off through the flow; empty when none does.
    QString handoffKeyword() const;
    // The fallback reply sent: the operator's text, or the automatic one, which names
    // handoffKeyword() when there is one and otherwise promises nothing the flow cannot do.
    QString effectiveFallbackReply() const;

    // "human", "person", "agent", "operator", "representative" and Portuguese "atendente",
    // "humano", "pessoa" hand off (whole words: "personal", "pessoas", "agentes" do not).
    static QList<FlowRule> defaultRules();
    // The fixed fallback text of earlier versions, which promised "say human" even with an empty
    // flow; settings that still hold it get the automatic text instead.
    static QString legacyFallbackReply();
};

} // namespace zapito
