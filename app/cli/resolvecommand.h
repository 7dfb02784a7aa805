// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox resolve CONVERSATION_ID`: closes the open handoff and gives the conversation
// back to the bot. Refused while a window or headless instance has the database open.
int runResolve(const QStringList& arguments);

} // namespace zapito::cli
