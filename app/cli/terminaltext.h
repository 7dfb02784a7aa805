// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace zapito::cli {

// Text from elsewhere (an endpoint's answer, a reason phrase) made safe to print on a terminal:
// invalid UTF-8, every control character but newline and tab, and the bidirectional overrides
// become U+FFFD, so an answer can never move the cursor, retitle the window or hide or reorder
// lines with escape sequences.
QString terminalText(const QString& text);
QString terminalText(const QByteArray& utf8);

} // namespace zapito::cli
