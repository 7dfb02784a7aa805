// SPDX-License-Identifier: Apache-2.0
#include "searchsnippet.h"

namespace zapito {

namespace {
constexpr char16_t kFirstStrongIsolate = 0x2068;
constexpr char16_t kPopDirectionalIsolate = 0x2069;
constexpr char16_t kEllipsis = 0x2026;

QString withoutMarks(const QByteArray& utf8)
{
    QString text = QString::fromUtf8(utf8);
    text.remove(QChar(kSnippetHitStart)).remove(QChar(kSnippetHitEnd));
    return text;
}

bool opensIsolate(QChar c)
{
    return c.direction() == QChar::DirLRI || c.direction() == QChar::DirRLI || c.direction() == QChar::DirFSI;
}

// One line: a paragraph separator would end the isolates early, a tab jumps to a tab stop.
bool breaksTheLine(QChar c)
{
    return c.direction() == QChar::DirB || c.category() == QChar::Other_Control ||
           c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph;
}
} // namespace

QString snippetFromMarkedBytes(const QByteArray& marked)
{
    QString out;
    qsizetype from = 0;
    for (qsizetype i = 0; i < marked.size(); ++i) {
        const char b = marked.at(i);
        if (b != kFtsHitStartByte && b != kFtsHitEndByte)
            continue;
        out += withoutMarks(marked.sliced(from, i - from));
        out += QChar(b == kFtsHitStartByte ? kSnippetHitStart : kSnippetHitEnd);
        from = i + 1;
    }
    out += withoutMarks(marked.sliced(from));
    return out;
}

SnippetLine snippetLine(const QString& snippet, qsizetype maxCharacters)
{
    SnippetLine line;
    line.text.reserve(snippet.size() + 4);
    line.text += QChar(kFirstStrongIsolate);
    int open = 0;      // isolates the message opened itself
    int hitStart = -1; // where the hit being read started in line.text
    qsizetype shown = 0;
    bool cut = false;
    const auto endHit = [&] {
        if (hitStart >= 0 && line.text.size() > hitStart)
            line.hits.append({hitStart, int(line.text.size()) - hitStart});
        hitStart = -1;
    };
    for (QChar c : snippet) {
        if (c == kSnippetHitStart) {
            if (hitStart < 0)
                hitStart = int(line.text.size());
            continue;
        }
        if (c == kSnippetHitEnd) {
            endHit();
            continue;
        }
        if (maxCharacters >= 0 && shown >= maxCharacters && !c.isLowSurrogate()) {
            cut = true;
            break;
        }
        if (c.direction() == QChar::DirPDI) {
            if (open == 0)
                continue; // would close our isolate early
            --open;
        } else if (opensIsolate(c)) {
            ++open;
        } else if (breaksTheLine(c)) {
            c = u' ';
        }
        line.text += c;
        ++shown;
    }
    endHit();
    for (; open > 0; --open)
        line.text += QChar(kPopDirectionalIsolate);
    line.text += QChar(kPopDirectionalIsolate);
    // Ours, so outside the isolate: an override in the message ends at its PDI.
    if (cut)
        line.text += QChar(kEllipsis);
    return line;
}

} // namespace zapito
