// SPDX-License-Identifier: Apache-2.0
#include "flowrule.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

namespace zapito {

namespace {

// Customers type fast and often without accents ("atencao", "Atendênte", "HUMANO"), so keywords
// compare with case and the Latin, Greek and Cyrillic accents (the combining marks U+0300–U+036F
// after decomposition) folded away on both sides. Other scripts' marks are kept: in Japanese or
// Hindi they change the word, not just its spelling.
QString folded(const QString& text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.unicode() < 0x0300 || c.unicode() > 0x036F)
            out.append(c);
    }
    return out.toCaseFolded();
}

QRegularExpression expressionOf(const FlowRule& rule)
{
    constexpr auto options =
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
    if (rule.match == FlowRule::Match::Regex)
        return QRegularExpression(rule.pattern, options);
    QStringList alternatives;
    for (const QString& keyword : rule.keywords()) {
        // A phrase's words may be apart by any whitespace ("real  person", a line break).
        if (const QString word = folded(keyword); !word.isEmpty())
            alternatives.append(
                QRegularExpression::escape(word).replace(QStringLiteral("\\ "), QStringLiteral("\\s+")));
    }
    if (alternatives.isEmpty())
        return QRegularExpression(QStringLiteral("(?!)")); // never matches
    // Whole words only: "agenda" does not ask for an agent. Lookarounds instead of \b, so a
    // keyword that ends in a symbol ("c++") still matches.
    return QRegularExpression(QStringLiteral("(?<!\\w)(?:%1)(?!\\w)").arg(alternatives.join(u'|')), options);
}

} // namespace

bool FlowRule::matches(const QString& message) const
{
    if (pattern.trimmed().isEmpty())
        return false;
    const QRegularExpression re = expressionOf(*this);
    // A regular expression is the operator's own, so it sees the message as written.
    return re.isValid() && re.match(match == Match::Keywords ? folded(message) : message).hasMatch();
}

QString FlowRule::problem() const
{
    if (action == Action::LogToCrm)
        return {};
    if (pattern.trimmed().isEmpty())
        return QCoreApplication::translate("zapito::FlowRule", "The rule has nothing to match.");
    if (match == Match::Regex) {
        const QRegularExpression re(pattern);
        if (!re.isValid())
            return QCoreApplication::translate("zapito::FlowRule", "The regular expression is not valid: %1")
                .arg(re.errorString());
    }
    if (action == Action::Reply && text.trimmed().isEmpty())
        return QCoreApplication::translate("zapito::FlowRule", "The reply is empty.");
    return {};
}

QStringList FlowRule::keywords() const
{
    QStringList words;
    if (match != Match::Keywords)
        return words;
    for (const QString& keyword : pattern.split(u',', Qt::SkipEmptyParts)) {
        if (const QString word = keyword.simplified(); !word.isEmpty())
            words.append(word);
    }
    return words;
}

QString asString(FlowRule::Action action)
{
    switch (action) {
    case FlowRule::Action::Reply:
        return QStringLiteral("reply");
    case FlowRule::Action::Handoff:
        return QStringLiteral("handoff");
    case FlowRule::Action::LogToCrm:
        return QStringLiteral("log_to_crm");
    }
    return {};
}

QString asString(FlowRule::Match match)
{
    return match == FlowRule::Match::Regex ? QStringLiteral("regex") : QStringLiteral("keywords");
}

QJsonArray flowToJson(const QList<FlowRule>& rules)
{
    QJsonArray array;
    for (const FlowRule& rule : rules) {
        array.append(QJsonObject{{QStringLiteral("match"), asString(rule.match)},
                                 {QStringLiteral("pattern"), rule.pattern},
                                 {QStringLiteral("action"), asString(rule.action)},
                                 {QStringLiteral("text"), rule.text}});
    }
    return array;
}

QList<FlowRule> flowFromJson(const QJsonArray& array)
{
    QList<FlowRule> rules;
    for (const QJsonValue& value : array) {
        const QJsonObject o = value.toObject();
        FlowRule rule;
        const QString match = o.value(QStringLiteral("match")).toString(QStringLiteral("keywords"));
        if (match == QLatin1String("regex"))
            rule.match = FlowRule::Match::Regex;
        else if (match != QLatin1String("keywords"))
            continue;
        const QString action = o.value(QStringLiteral("action")).toString();
        if (action == QLatin1String("reply"))
            rule.action = FlowRule::Action::Reply;
        else if (action == QLatin1String("handoff"))
            rule.action = FlowRule::Action::Handoff;
        else if (action == QLatin1String("log_to_crm"))
            rule.action = FlowRule::Action::LogToCrm;
        else
            continue;
        rule.pattern = o.value(QStringLiteral("pattern")).toString();
        rule.text = o.value(QStringLiteral("text")).toString();
        rules.append(rule);
    }
    return rules;
}

} // namespace zapito
