// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channel.h"

#include <QStringList>

#include <functional>

namespace zapito {

// Splits `text` into parts of at most `limit` UTF-16 units (Telegram and WhatsApp refuse text
// over 4096), preferring a line break, then a space, and never cutting a surrogate pair.
QStringList splitMessage(const QString& text, qsizetype limit);

// The longest text the channel takes in one message (Telegram and WhatsApp: 4096 UTF-16 units);
// 0 for a channel without a limit (the preview chat). A longer text is sent in parts.
qsizetype channelTextLimit(const QString& channel);

// Sends the parts one after the other (so they arrive in order); `done` is called once, with
// the first failure or success after the last part.
using SendOne = std::function<void(const QString& part, Channel::Done done)>;
void sendInOrder(const QStringList& parts, SendOne sendOne, Channel::Done done);

} // namespace zapito
