// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace zapito::cli {

// The command-line tools' tr(): lupdate files calls in this namespace under "zapito::cli".
QString tr(const char* text);

// Parses a command's arguments. A parse error is printed (exit code 2), --help prints the
// help (exit code 0); std::nullopt means the command goes on.
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& arguments);

} // namespace zapito::cli
