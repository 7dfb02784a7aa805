// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// What a person typed in the search box as the FTS5 queries of the bounded search
// (ConversationSearch), one per index. Every word or string is quoted, so FTS5 syntax typed by a
// person (", *, AND, OR, NEAR(, -, :, ^, parentheses) is text: never syntax, never an SQL error.
//
// Each query is one FTS5 can answer newest row first without reading every match first: whole
// words, trigram substrings, prefixes served by a prefix index. (SQLite 3.40 answers any other
// prefix by merging the doclist of every word that starts that way before the first row, which
// costs as much as there are matches: "gluten"* over 2M messages is 15 times "gluten".)
struct SearchTerms
{
    // contact_words_fts: every typed word in the name, accents folded; a word of up to four
    // characters also as a prefix (the index keeps prefixes of 1 to 4). Empty without a word.
    QString nameWords;
    // contact_trigram_fts: what was typed as one substring of the name or, when it is a number
    // ("+55 11 9999" → 55119999), of the phone number / handle. Empty under three characters.
    QString substring;
    // messages_fts: every typed word as a whole word, accents folded, all required.
    QString textWords;
    // The same with the last word also as a prefix ("refu" finds "refund"), when it has three
    // characters or more; equal to textWords otherwise. Costs as many matches as the prefix has,
    // so ConversationSearch uses it only when the whole words match less than one window.
    QString textPrefix;

    bool isEmpty() const { return nameWords.isEmpty() && substring.isEmpty() && textWords.isEmpty(); }

    // needsHumanOnly restricts the name and number queries to conversations waiting for a human
    // (the indexes' needs_human token), so Needs a human finds every one of them by name.
    static SearchTerms fromTyped(const QString& typed, bool needsHumanOnly = false);
};

} // namespace zapito
