// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sqldialect.h"

#include <QString>

namespace zapito {

// The store's own clock, in UTC milliseconds since the epoch, as an SQL expression. Outbox leases
// are measured on it: with many machines on one PostgreSQL their clocks may disagree, and none of
// them must decide alone that another's lease ran out.
QString storeClockMs(const SqlDialect& dialect);

} // namespace zapito
