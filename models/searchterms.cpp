// SPDX-License-Identifier: Apache-2.0
#include "searchterms.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace zapito {

namespace {

// Migration 0005's needs_human token: char(57600, 57601, 57602), three private-use characters no
// name or number contains.
const QString kNeedsHumanToken = QStringLiteral("\uE100\uE101\uE102");
constexpr qsizetype kTrigram = 3;
constexpr qsizetype kLongestIndexedPrefix = 4; // contact_words_fts: prefix = '1 2 3 4'
constexpr qsizetype kShortestTextPrefix = 3;

qsizetype characters(const QString& text)
{
    return text.toUcs4().size();
}

// An FTS5 string: inside double quotes everything is literal but a double quote, written twice.
QString quoted(QString text)
{
    text.replace(u'"', QLatin1String("\"\""));
    return QString(u'"' + text + u'"');
}

// What was typed, without the characters FTS5 cannot take inside a string (a NUL ends the query
// early) or that no name holds, composed as names are stored (é as one character).
QString cleaned(const QString& typed)
{
    QString text = typed.normalized(QString::NormalizationForm_C);
    for (QChar& c : text)
        if (c.category() == QChar::Other_Control)
            c = u' ';
    return text.simplified();
}

QStringList words(const QString& text)
{
    // Letters and digits, as unicode61 splits them; the rest (punctuation, FTS5 syntax) separates.
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList found;
    auto it = word.globalMatch(text);
    while (it.hasNext())
        found << it.next().captured(0);
    return found;
}

// The phone number's digits: the characters people put between them removed, as the index's view
// removes them from the stored id.
QString handleForm(QString text)
{
    static const QRegularExpression separators(QStringLiteral("[+()\\-.\\s]"));
    return text.remove(separators);
}

bool isNumber(const QString& text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

QString onlyWaiting(const QString& query, bool needsHumanOnly)
{
    if (query.isEmpty() || !needsHumanOnly)
        return query;
    return QStringLiteral("(%1) AND needs_human : %2").arg(query, quoted(kNeedsHumanToken));
}

} // namespace

SearchTerms SearchTerms::fromTyped(const QString& typed, bool needsHumanOnly)
{
    SearchTerms terms;
    const QString text = cleaned(typed);
    const QStringList typedWords = words(text);

    QStringList name;
    QStringList whole;
    for (const QString& w : typedWords) {
        name << (characters(w) <= kLongestIndexedPrefix ? quoted(w) + u'*' : quoted(w));
        whole << quoted(w);
    }
    if (!name.isEmpty())
        terms.nameWords = QStringLiteral("name : (%1)").arg(name.join(u' '));

    // A number is looked for in the numbers only and a name in the names only: the trigram index
    // shares its entries between columns, so asking the names for "5511" would walk every number
    // that holds it.
    const QString digits = handleForm(text);
    if (isNumber(digits)) {
        if (characters(digits) >= kTrigram)
            terms.substring = QStringLiteral("handle : ") + quoted(digits);
    } else if (characters(text) >= kTrigram) {
        terms.substring = QStringLiteral("name : ") + quoted(text);
    }

    terms.textWords = whole.join(u' ');
    terms.textPrefix = terms.textWords;
    if (!typedWords.isEmpty() && characters(typedWords.constLast()) >= kShortestTextPrefix)
        terms.textPrefix += u'*';

    terms.nameWords = onlyWaiting(terms.nameWords, needsHumanOnly);
    terms.substring = onlyWaiting(terms.substring, needsHumanOnly);
    return terms;
}

} // namespace zapito
