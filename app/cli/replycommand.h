// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox reply CONVERSATION_ID`: the reply text comes from standard input (trimmed) and
// goes through the conversation's channel as the operator (the system user), exactly as a reply
// from the window: stored with its channel-outbox row in one transaction by the engine, then
// sent. Exit code 0 once the customer's channel took it, 1 when it was refused or could not be
// sent (the reason is printed), 2 on a usage error (no id, empty text). Refused, like resolve,
// while the window or --headless has the database open.
int runReply(const QStringList& arguments);

} // namespace zapito::cli
