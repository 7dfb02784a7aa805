// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QCommandLineParser>

#include <memory>

namespace zapito::cli {

// The --database option every command that reads the inbox accepts.
QCommandLineOption databaseOption();

// Opens the inbox for a command. Reading commands (`write` false) open it read-only: they never
// create, migrate or write it and take no instance lock, so they work beside a running window;
// writing commands take the lock and are refused while the window or headless mode has the
// database open. Prints the reason and returns nullptr.
std::unique_ptr<Database> openDatabaseForCommand(const QString& path, bool write);

} // namespace zapito::cli
