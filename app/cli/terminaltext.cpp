// SPDX-License-Identifier: Apache-2.0
#include "terminaltext.h"

#include "commandparsing.h"
#include "untrustedtext.h"

namespace zapito::cli {

namespace {
bool isJoiner(QChar c)
{
    return c.unicode() == 0x200C || c.unicode() == 0x200D;
}

bool isIsolate(QChar c)
{
    return c.unicode() >= 0x2066 && c.unicode() <= 0x2069;
}

// Controls, format characters (the bidirectional overrides among them) and the Unicode line and
// paragraph separators: everything that is not shown as itself.
bool isInvisibleControl(QChar c)
{
    return c.category() == QChar::Other_Control || (c.category() == QChar::Other_Format && !isJoiner(c)) ||
           c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
}
} // namespace

QString terminalText(const QString& text)
{
    QString out = text;
    out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (QChar& c : out) {
        if (isInvisibleControl(c) && !isIsolate(c) && c != u'\n' && c != u'\t')
            c = QChar::ReplacementCharacter;
    }
    return balancedIsolates(out);
}

QString terminalText(const QByteArray& utf8)
{
    return terminalText(QString::fromUtf8(utf8));
}

QString tabSeparatedField(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i); // an emoji, or another character beyond the BMP
            continue;
        }
        switch (c.unicode()) {
        case u'\\':
            out += QLatin1String("\\\\");
            continue;
        case u'\n':
            out += QLatin1String("\\n");
            continue;
        case u'\t':
            out += QLatin1String("\\t");
            continue;
        case u'\r':
            out += QLatin1String("\\r");
            continue;
        default:
            break;
        }
        if (isInvisibleControl(c) || c.isSurrogate())
            out += QStringLiteral("\\u{%1}").arg(
                QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
        else
            out += c;
    }
    return out;
}

QString escapingNote()
{
    return tr("In a field a backslash is written \\\\, a newline \\n, a tab \\t, a carriage return \\r, and "
              "any other control or invisible formatting character (a right-to-left override, say) "
              "\\u{XXXX}, its code in hex; --json gives the text as it is.");
}

} // namespace zapito::cli
