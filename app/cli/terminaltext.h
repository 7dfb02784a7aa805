// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace zapito::cli {

// Text from elsewhere (an endpoint's answer, a reason phrase) made safe to print on a terminal:
// invalid UTF-8, every control character but newline and tab, and the bidirectional embeddings
// and overrides become U+FFFD, so an answer can never move the cursor, retitle the window or hide
// or reorder lines with escape sequences. Isolates (U+2066…U+2069, what isolated() puts around
// a name in our sentences) are kept, balanced on every line (balancedIsolates()).
QString terminalText(const QString& text);
QString terminalText(const QByteArray& utf8);

// One field of tab-separated output (`list`, `deliveries`), escaped so that nothing in it can
// start another row or column or drive the terminal: a backslash becomes \\, a newline \n, a tab
// \t, a carriage return \r, and every other control character (C0, DEL, C1), format character
// (the bidirectional controls, zero-width space, byte order mark …; the joiners U+200C and
// U+200D that emoji and Indic scripts need stay), line or paragraph separator and unpaired
// surrogate becomes \u{XXXX} (its code in upper-case hex). Everything else, emoji and every
// script included, is printed as it is.
QString tabSeparatedField(const QString& text);
// The sentence --help of those commands gives about it.
QString escapingNote();

} // namespace zapito::cli
