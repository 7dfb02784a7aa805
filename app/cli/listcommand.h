// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox list [--needs-human] [--json]`: the conversations, newest first.
int runList(const QStringList& arguments);

} // namespace zapito::cli
