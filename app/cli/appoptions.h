// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace zapito::cli {

// The options of a plain `zapito-inbox` start (window or headless), shared by main() and
// by --help, which must work without a display.
struct AppOptions
{
    QCommandLineOption database;
    QCommandLineOption demo;     // load the sample conversations (once) and start
    QCommandLineOption headless; // connectors, agent and webhook delivery without a window

    AppOptions();
    void addTo(QCommandLineParser& parser) const;
};

// Describes the program, its options and its commands for --help and --version.
void describe(QCommandLineParser& parser, const AppOptions& options);

} // namespace zapito::cli
