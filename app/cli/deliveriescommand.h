// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox deliveries [--json]`: every handoff's webhook delivery, newest first
// (handoff id, conversation, reason, outcome, attempts).
int runDeliveries(const QStringList& arguments);

} // namespace zapito::cli
