// SPDX-License-Identifier: Apache-2.0
#include "botconfig.h"

namespace zapito {

const FlowRule* BotConfig::ruleFor(const QString& text) const
{
    for (const FlowRule& rule : rules) {
        if (rule.action != FlowRule::Action::LogToCrm && rule.matches(text))
            return &rule;
    }
    return nullptr;
}

QString BotConfig::handoffKeyword() const
{
    // Checked through ruleFor(), not by reading the handoff rules alone: an earlier reply rule
    // on the same word would answer it, and the customer told to say it would never get through.
    for (const FlowRule& rule : rules) {
        if (rule.action != FlowRule::Action::Handoff)
            continue;
        for (const QString& word : rule.keywords()) {
            const FlowRule* answering = ruleFor(word);
            if (answering && answering->action == FlowRule::Action::Handoff)
                return word;
        }
    }
    return {};
}

QString BotConfig::effectiveFallbackReply() const
{
    if (!fallbackReply.trimmed().isEmpty() && fallbackReply != legacyFallbackReply())
        return fallbackReply;
    const QString word = handoffKeyword();
    if (word.isEmpty() || !automaticFallbackReplyWithWord.contains(QStringLiteral("%1")))
        return automaticFallbackReply;
    return QString(automaticFallbackReplyWithWord).replace(QStringLiteral("%1"), word);
}

QList<FlowRule> BotConfig::defaultRules()
{
    FlowRule human;
    human.match = FlowRule::Match::Keywords;
    human.pattern =
        QStringLiteral("human, person, agent, operator, representative, atendente, humano, pessoa");
    human.action = FlowRule::Action::Handoff; // its text empty: the bot's handoff message
    return {human};
}

QString BotConfig::legacyFallbackReply()
{
    return QStringLiteral("Thanks for your message! A team member will read it soon; "
                          "say \"human\" to talk to a person now.");
}

} // namespace zapito
