// SPDX-License-Identifier: Apache-2.0
#include "appoptions.h"

#include "commanddatabase.h"
#include "commandlinetool.h"

#include <QCoreApplication>

namespace zapito::cli {

AppOptions::AppOptions()
    : database(databaseOption())
    , demo(QStringLiteral("demo"),
           QCoreApplication::translate("cli", "Load the sample conversations (if not loaded yet) and start."))
    , headless(QStringLiteral("headless"),
               QCoreApplication::translate(
                   "cli", "Run the channels, the bot and webhook delivery without a window."))
{}

void AppOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOption(database);
    parser.addOption(demo);
    parser.addOption(headless);
}

void describe(QCommandLineParser& parser, const AppOptions& options)
{
    QString text =
        QCoreApplication::translate("cli", "Triage the conversations your support bot hands to a human.");
    if (!commands().isEmpty()) {
        text +=
            u'\n' + QCoreApplication::translate("cli", "Commands (zapito-inbox COMMAND --help for more):");
        for (const Command& c : commands())
            text += QStringLiteral("\n  %1  %2")
                        .arg(QLatin1String(c.name), -20)
                        .arg(QCoreApplication::translate("cli", c.summary));
    }
    parser.setApplicationDescription(text);
    parser.addHelpOption();
    parser.addVersionOption();
    options.addTo(parser);
}

} // namespace zapito::cli
