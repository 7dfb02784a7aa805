// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// Text we did not write — a contact's name, a message, the bot's name Telegram reports, an error a
// channel or an endpoint sent — placed inside one of our own sentences.

// Wraps `untrusted` in Unicode isolates (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL
// ISOLATE) for tr("Reply to %1…").arg(isolated(name)): its direction is its own, and a
// right-to-left override in it ("Evil\u202Egnp.exe") or an Arabic name cannot reorder the
// words around it. Line by line (a line break ends every isolate), with the text's own isolates
// balanced: a stray U+2069 cannot close ours early and an unclosed U+2066…U+2068 cannot swallow
// the rest of our sentence. Empty text stays empty. Not needed where a label shows the
// untrusted text alone.
QString isolated(const QString& untrusted);

// `text` with its own isolates balanced on every line: a U+2069 that closes nothing is dropped,
// and a line that leaves U+2066, U+2067 or U+2068 open gets its U+2069s at its end. (isolated()
// does this inside its own pair; the command line's terminal text does it to what it prints.)
QString balancedIsolates(const QString& text);

// A desktop notification body made safe for servers that render its markup (the freedesktop
// Desktop Notifications spec: a subset of HTML with <b>, <i>, <u>, <a href>, <img src>): &, < and
// > become &amp;, &lt; and &gt;, so "<img src=http://…>" is shown, not fetched. The summary (the
// title) is plain text in that spec and is not escaped.
QString notificationBodyEscaped(const QString& text);

} // namespace zapito
