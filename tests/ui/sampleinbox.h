// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

namespace zapito {
class InboxServices;
}

namespace zapito::test {

class ScriptedAgent;

// Fills an inbox with 50 varied conversations through the real engine and store: names in
// several scripts, contacts without a name, every handoff reason, every webhook outcome, long
// and HTML-looking messages, activity spread over the last ten days before `nowMs`.
// The engine must already use `agent`; channels are whatever the caller registered.
void fillVariedInbox(InboxServices& services, ScriptedAgent& agent, qint64 nowMs);

} // namespace zapito::test
