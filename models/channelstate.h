// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"

#include <QSqlDatabase>
#include <QString>

namespace zapito {

class Database;

// Small durable values the connectors and the agent keep between runs (the Telegram update
// offset, the model replies counted this month), in the channel_state table of the inbox.
class ChannelState final
{
public:
    explicit ChannelState(Database& database);

    // `fallback` when the key was never written or cannot be read.
    QString value(const QString& key, const QString& fallback = {}) const;
    Status setValue(const QString& key, const QString& value);
    // Adds `delta` to the whole number under `key` (0 when never written) in one statement, so
    // two processes counting at once both count; the new number.
    Expected<qint64> addTo(const QString& key, qint64 delta);

private:
    Database& m_database;
};

} // namespace zapito
