// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QCommandLineParser>

#include <memory>

namespace zapito::cli {

// The settings key of the inbox's location (`settings set database.location …`).
inline constexpr auto kDatabaseLocationKey = "database/location";

// Where the inbox is when --database is not given: the setting database.location (an SQLite
// file or a postgresql:// URL without a password), else the default SQLite file.
QString configuredDatabaseLocation(const QString& settingsFile = {});
// The --database option's help text, shared by the commands, the window and --headless.
QString databaseOptionDescription();

// The --database option every command that reads the inbox accepts; its default is
// configuredDatabaseLocation().
QCommandLineOption databaseOption();

// Opens the inbox for a command. Reading commands (`write` false) open it read-only: they never
// create, migrate or write it, so they work beside a running window. Writing commands (resolve,
// reply) are seats beside the window or headless mode too: the store's transactions keep them
// apart, and the leader acts on what they wrote. Prints the reason and returns nullptr.
std::unique_ptr<Database> openDatabaseForCommand(const QString& path, bool write);

} // namespace zapito::cli
