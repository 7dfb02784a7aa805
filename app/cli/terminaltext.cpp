// SPDX-License-Identifier: Apache-2.0
#include "terminaltext.h"

namespace zapito::cli {

QString terminalText(const QString& text)
{
    QString out = text;
    out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (QChar& c : out) {
        // Format characters include the bidirectional overrides that reorder what is shown; the
        // joiners emoji and Indic scripts need are harmless and kept.
        const bool joiner = c.unicode() == 0x200C || c.unicode() == 0x200D;
        const bool control = c.category() == QChar::Other_Control ||
                             (c.category() == QChar::Other_Format && !joiner) || c == QChar::LineSeparator ||
                             c == QChar::ParagraphSeparator;
        if (control && c != u'\n' && c != u'\t')
            c = QChar::ReplacementCharacter;
    }
    return out;
}

QString terminalText(const QByteArray& utf8)
{
    return terminalText(QString::fromUtf8(utf8));
}

} // namespace zapito::cli
