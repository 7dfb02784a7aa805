// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox settings get [KEY]` and `zapito-inbox settings set KEY [VALUE]`: every setting
// by its dotted name. A secret's value is read from standard input (hidden when typed) and
// never printed; `get` says only whether it is set.
int runSettings(const QStringList& arguments);

} // namespace zapito::cli
