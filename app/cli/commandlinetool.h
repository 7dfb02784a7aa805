// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::cli {

// `zapito-inbox <command> …` tools that run without a window (verify-signature, settings,
// list, deliveries, resolve, …). Each command lives in its own file and is listed in
// commandlinetool.cpp.
struct Command
{
    const char* name;
    const char* summary;
    // `arguments` starts with the command's own name; returns the process exit code.
    int (*run)(const QStringList& arguments);
};

// True when argv names one of the commands (argv[1] == a command's name).
bool isCommand(int argc, char* argv[]);
// Runs it inside a QCoreApplication and returns the exit code.
int runCommand(int argc, char* argv[]);
// The commands, for --help.
const QList<Command>& commands();

} // namespace zapito::cli
