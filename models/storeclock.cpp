// SPDX-License-Identifier: Apache-2.0
#include "storeclock.h"

namespace zapito {

QString storeClockMs(const SqlDialect& dialect)
{
    // clock_timestamp(), not now(): now() stands still for a whole transaction.
    if (dialect.kind() == SqlDialect::Kind::PostgreSQL)
        return QStringLiteral("(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT");
    return QStringLiteral("CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
}

} // namespace zapito
