// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"
#include "sharedsettings.h"

#include <memory>
#include <optional>

namespace zapito::cli {

// The settings every seat agrees on (the webhook's, the bot's, the channels'), as a command reads
// and writes them: in the inbox's store, as the app does.
struct CommandSettings
{
    std::unique_ptr<Database> database;
    // Null when there is no inbox to read yet (a reading command before the app ever ran there,
    // or an inbox a newer app has not upgraded): the settings file holds them until its first open.
    std::unique_ptr<SharedSettings> shared;
};

// `write`: opens the inbox at `location` (creating and upgrading it) and copies this machine's
// values the store has not got yet, as every open does. Otherwise read-only: nothing is created,
// upgraded or written, and what the first open would copy is taken in memory. Prints the reason and
// returns nullopt when the inbox cannot be used.
std::optional<CommandSettings> openCommandSettings(const QString& location, bool write);
// The same on an inbox the command has open already (read-write).
std::unique_ptr<SharedSettings> sharedSettingsFor(const Database& database);

} // namespace zapito::cli
