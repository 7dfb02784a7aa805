// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace zapito {

// One node of the bot's flow, tried in order before the model is asked.
struct FlowRule
{
    enum class Action
    {
        Reply,    // answer with `text`
        Handoff,  // send `text` (or the bot's handoff message) and hand off, reason `handoff`
        LogToCrm, // kept for old flows: a pass-through that does nothing
    };
    enum class Match
    {
        Keywords, // comma-separated words or phrases, any of them, whole words, any case or accent
        Regex,    // a regular expression, any case
    };

    Match match = Match::Keywords;
    QString pattern;
    Action action = Action::Reply;
    QString text;

    bool operator==(const FlowRule&) const = default;

    // True when the customer's message triggers this rule. An empty pattern matches nothing
    // (except for Log to CRM, which is a pass-through either way); an invalid expression
    // matches nothing.
    bool matches(const QString& message) const;
    // The keywords as written (trimmed, in order); empty for a regular expression.
    QStringList keywords() const;
    // Empty when the rule can be used; otherwise what is wrong with it, for the Bot page.
    QString problem() const;
};

QString asString(FlowRule::Action action);
QString asString(FlowRule::Match match);

// The flow as JSON: [{"match":"keywords","pattern":"price, cost","action":"reply","text":"…"}].
QJsonArray flowToJson(const QList<FlowRule>& rules);
// Unknown or malformed entries are skipped.
QList<FlowRule> flowFromJson(const QJsonArray& array);

} // namespace zapito
