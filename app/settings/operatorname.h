// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito {

// The name an operator's replies and resolutions carry on this seat: the system user's full name
// (the passwd entry's GECOS field), else the login name.
QString systemOperatorName();

} // namespace zapito
