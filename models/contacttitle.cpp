// SPDX-License-Identifier: Apache-2.0
#include "contacttitle.h"

#include <QCoreApplication>
#include <QTextBoundaryFinder>

namespace zapito {

namespace {
bool allDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text)
        if (!c.isDigit())
            return false;
    return true;
}
// The first grapheme cluster of `word`.
QString firstGrapheme(const QString& word)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, word);
    const qsizetype end = finder.toNextBoundary();
    QString grapheme = word.left(end > 0 ? end : word.size());
    // A consonant with a virama (Devanagari "प्") is only half a letter on its own; the
    // consonant is the initial a reader expects.
    if (grapheme.size() > 1 && QChar::combiningClass(grapheme.back().unicode()) == 9)
        grapheme.chop(1);
    return grapheme;
}

char32_t firstCodePoint(const QString& text)
{
    const auto ucs4 = text.toUcs4();
    return ucs4.isEmpty() ? 0 : ucs4.first();
}

bool isLetterOrDigit(char32_t c)
{
    return QChar::isLetter(c) || QChar::isDigit(c);
}

bool takesOneInitial(QChar::Script script)
{
    switch (script) {
    case QChar::Script_Arabic:
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
        return true;
    default:
        return false;
    }
}

// Upper case only where it is one grapheme for one: "ß" stays "ß" (not "SS"), "ǆ" stays as
// it is, and caseless scripts are untouched because they have no upper case at all.
QString upperInitial(const QString& grapheme)
{
    if (!QChar::isLower(firstCodePoint(grapheme)))
        return grapheme;
    const QString upper = grapheme.toUpper();
    return upper.size() == grapheme.size() ? upper : grapheme;
}
} // namespace

QString contactInitials(const QString& title)
{
    QString result;
    QChar::Script script = QChar::Script_Unknown;
    QString symbol;
    for (const QString& word : title.split(u' ', Qt::SkipEmptyParts)) {
        const QString grapheme = firstGrapheme(word);
        const char32_t first = firstCodePoint(grapheme);
        if (!isLetterOrDigit(first)) {
            if (symbol.isEmpty() && QChar::category(first) == QChar::Symbol_Other)
                symbol = grapheme;
            continue;
        }
        const QChar::Script wordScript = QChar::script(first);
        if (result.isEmpty()) {
            result = upperInitial(grapheme);
            script = wordScript;
            if (takesOneInitial(script))
                break;
            continue;
        }
        if (wordScript == script)
            result += upperInitial(grapheme);
        break;
    }
    if (!result.isEmpty())
        return result;
    return symbol.isEmpty() ? QStringLiteral("?") : symbol;
}

QString formatPhoneNumber(const QString& raw)
{
    QString digits = raw.trimmed();
    if (digits.startsWith(u'+'))
        digits.remove(0, 1);
    if (!allDigits(digits) || digits.size() < 8 || digits.size() > 15)
        return raw;
    // The country code's length follows from its first digits (ITU-T E.164 zones). Good enough
    // to make a number readable; it is never parsed back.
    static const QStringList twoDigitCodes =
        QStringLiteral("20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 "
                       "62 63 64 65 66 "
                       "81 82 84 86 90 91 92 93 94 95 98")
            .split(u' ');
    int ccLength = 3;
    if (digits.startsWith(u'1') || digits.startsWith(u'7'))
        ccLength = 1;
    else if (twoDigitCodes.contains(digits.left(2)))
        ccLength = 2;
    const QString cc = digits.left(ccLength);
    const QString rest = digits.mid(ccLength);
    QStringList groups;
    if (rest.size() >= 9) {
        const int areaLength = ccLength == 1 ? 3 : 2;
        groups << rest.left(areaLength) << rest.mid(areaLength, rest.size() - areaLength - 4)
               << rest.right(4);
    } else if (rest.size() > 4) {
        groups << rest.left(rest.size() - 4) << rest.right(4);
    } else {
        groups << rest;
    }
    return u'+' + cc + u' ' + groups.join(u' ');
}

QString contactTitle(const QString& channel, const QString& externalId, const QString& contactName)
{
    const QString name = contactName.simplified();
    if (!name.isEmpty())
        return name;
    if (channel == QLatin1String("whatsapp"))
        return formatPhoneNumber(externalId);
    if (channel == QLatin1String("telegram")) {
        if (externalId.startsWith(u'@'))
            return externalId;
        return QCoreApplication::translate("zapito", "Telegram user %1").arg(externalId);
    }
    if (channel == QLatin1String("preview"))
        return QCoreApplication::translate("zapito", "Preview chat");
    return externalId;
}

QString contactTitle(const Conversation& c)
{
    return contactTitle(c.channel, c.externalId, c.contactName);
}

QString handoffReasonText(HandoffReason reason)
{
    switch (reason) {
    case HandoffReason::Handoff:
        return QCoreApplication::translate("zapito", "Flow handoff");
    case HandoffReason::Escalate:
        return QCoreApplication::translate("zapito", "Asked for a human");
    case HandoffReason::ModelError:
        return QCoreApplication::translate("zapito", "Model error");
    case HandoffReason::OutOfCredits:
        return QCoreApplication::translate("zapito", "Out of credits");
    }
    return {};
}

QString channelDisplayName(const QString& channel)
{
    if (channel == QLatin1String("whatsapp"))
        return QStringLiteral("WhatsApp");
    if (channel == QLatin1String("telegram"))
        return QStringLiteral("Telegram");
    if (channel == QLatin1String("preview"))
        return QCoreApplication::translate("zapito", "Preview chat");
    return channel;
}

} // namespace zapito
