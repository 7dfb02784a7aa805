// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox test-event`: posts the sample lead (reason "test") to the saved endpoint with
// the saved signing secret, as Settings → Integrations' "Send test event" does, and prints the
// HTTP status, the latency and the first 1 KB of the answer, or the error. Exit code 0 on a
// 2xx, 1 on any other outcome, 2 on a usage error or when no endpoint or secret is set.
int runTestEvent(const QStringList& arguments);

} // namespace zapito::cli
