// SPDX-License-Identifier: Apache-2.0
#include "untrustedtext.h"

namespace zapito {

namespace {
constexpr char16_t kFirstStrongIsolate = 0x2068;
constexpr char16_t kPopDirectionalIsolate = 0x2069;

bool isParagraphSeparator(QChar c)
{
    // Bidi class B (U+000A, U+000D, U+001C…U+001E, U+0085, U+2029): the bidirectional algorithm
    // starts afresh after each, closing every isolate and embedding.
    return c.direction() == QChar::DirB;
}

bool opensIsolate(QChar c)
{
    return c.direction() == QChar::DirLRI || c.direction() == QChar::DirRLI || c.direction() == QChar::DirFSI;
}

void appendBalancedLine(QString& out, QStringView line)
{
    int open = 0;
    for (QChar c : line) {
        if (c.direction() == QChar::DirPDI) {
            if (open == 0)
                continue; // would close an isolate around this text
            --open;
        } else if (opensIsolate(c)) {
            ++open;
        }
        out += c;
    }
    for (; open > 0; --open)
        out += QChar(kPopDirectionalIsolate);
}

// Calls line(out, text of the line) for every line and keeps the separators between them.
template<typename Line> QString eachLine(const QString& text, Line line)
{
    QString out;
    out.reserve(text.size() + 2);
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isParagraphSeparator(text.at(i)))
            continue;
        line(out, QStringView(text).sliced(start, i - start));
        out += text.at(i);
        start = i + 1;
    }
    line(out, QStringView(text).sliced(start));
    return out;
}
} // namespace

QString isolated(const QString& untrusted)
{
    return eachLine(untrusted, [](QString& out, QStringView line) {
        if (line.isEmpty())
            return;
        out += QChar(kFirstStrongIsolate);
        appendBalancedLine(out, line);
        out += QChar(kPopDirectionalIsolate);
    });
}

QString balancedIsolates(const QString& text)
{
    return eachLine(text, appendBalancedLine);
}

QString notificationBodyEscaped(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'&')
            out += QLatin1String("&amp;");
        else if (c == u'<')
            out += QLatin1String("&lt;");
        else if (c == u'>')
            out += QLatin1String("&gt;");
        else
            out += c;
    }
    return out;
}

} // namespace zapito
