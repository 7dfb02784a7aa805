// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QCommandLineParser>

#include <memory>

namespace zapito::cli {

// The --database option every command that reads the inbox accepts.
QCommandLineOption databaseOption();

// Opens the inbox for a command. Reading commands (`write` false) open it read-only: they never
// create, migrate or write it, so they work beside a running window. Writing commands (resolve,
// reply) are seats beside the window or headless mode too: the store's transactions keep them
// apart, and the leader acts on what they wrote. Prints the reason and returns nullptr.
std::unique_ptr<Database> openDatabaseForCommand(const QString& path, bool write);

} // namespace zapito::cli
