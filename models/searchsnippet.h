// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace zapito {

// A search result says why it matched: a fragment of the matching message (FTS5 snippet()) with
// every hit between these two private-use characters. The customer wrote the message, so the
// marks must be ones they cannot write: the store takes U+E000 and U+E001 out of the text before
// it marks anything (snippetFromMarkedBytes), so a message holding them marks nothing.
inline constexpr char16_t kSnippetHitStart = 0xE000;
inline constexpr char16_t kSnippetHitEnd = 0xE001;

// The marks FTS5 puts in the snippet it returns as bytes: 0xFF and 0xFE never occur in UTF-8, so
// nothing stored (always valid UTF-8) can contain them. The SQL passes them to snippet() as
// CAST(X'FF' AS TEXT) and reads the result CAST(… AS BLOB), so no text conversion touches them.
inline constexpr char kFtsHitStartByte = '\xFF';
inline constexpr char kFtsHitEndByte = '\xFE';

// FTS5 snippet() output marked with kFtsHitStartByte / kFtsHitEndByte as text marked with
// kSnippetHitStart / kSnippetHitEnd; every U+E000 and U+E001 of the message itself is dropped.
QString snippetFromMarkedBytes(const QByteArray& marked);

// A snippet as one line of plain text to draw: the marks taken out (the hits kept as ranges of
// `text`), line breaks, tabs and other controls as spaces, and the whole wrapped in Unicode
// isolates (U+2068 … U+2069) with the text's own isolates balanced, as isolated() does, so a
// right-to-left override in the message reorders the message's own words only, never past them.
struct SnippetLine
{
    struct Range
    {
        int start = 0; // in text, UTF-16 units, as QTextLayout::FormatRange counts
        int length = 0;
        bool operator==(const Range&) const = default;
    };
    QString text;
    QList<Range> hits;
};

// At most `maxCharacters` UTF-16 units of the snippet's own text (negative: all of it), followed
// by "…" (after the isolate) when cut; a surrogate pair is never split.
SnippetLine snippetLine(const QString& snippet, qsizetype maxCharacters = -1);

} // namespace zapito
