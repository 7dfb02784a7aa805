// SPDX-License-Identifier: Apache-2.0
#include "resolvecommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "conversationstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

namespace zapito::cli {

int runResolve(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Marks a conversation resolved: the bot answers in it again."));
    parser.addHelpOption();
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption by(QStringLiteral("by"), tr("Who resolved it (default: command line)."),
                                tr("name"), QStringLiteral("command line"));
    parser.addOptions({database, by});
    parser.addPositionalArgument(QStringLiteral("CONVERSATION_ID"), tr("The conversation, e.g. conv_…"));
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) { // parse() takes arguments[0], the command's name, as the program name
        err << tr("Usage: zapito-inbox resolve CONVERSATION_ID") << Qt::endl;
        return 2;
    }
    auto db = openDatabaseForCommand(parser.value(database), true);
    if (!db)
        return 1;
    ConversationStore store(*db);
    auto resolution = store.resolve(args[0], parser.value(by), QDateTime::currentMSecsSinceEpoch());
    if (!resolution) {
        err << resolution.error() << Qt::endl;
        return 1;
    }
    if (resolution->event)
        out << tr("Resolved %1 (handoff %2); the bot answers there again.")
                   .arg(args[0])
                   .arg(resolution->event->id)
            << Qt::endl;
    else
        out << tr("Gave %1 back to the bot; it answers there again.").arg(args[0]) << Qt::endl;
    return 0;
}

} // namespace zapito::cli
