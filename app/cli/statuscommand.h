// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// zapito-inbox status: the leader, the standbys and the seats online on the inbox.
int runStatus(const QStringList& arguments);

} // namespace zapito::cli
