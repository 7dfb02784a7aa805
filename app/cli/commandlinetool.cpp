// SPDX-License-Identifier: Apache-2.0
#include "commandlinetool.h"

#include "appidentity.h"
#include "appoptions.h"
#include "commandparsing.h"
#include "deliveriescommand.h"
#include "listcommand.h"
#include "replycommand.h"
#include "resolvecommand.h"
#include "settingscommand.h"
#include "statuscommand.h"
#include "testeventcommand.h"
#include "translations.h"
#include "verifysignaturecommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

namespace zapito::cli {

const QList<Command>& commands()
{
    // One line per command; each command's code is in its own file of this folder. Summaries are
    // marked for lupdate and translated where --help shows them.
    static const QList<Command> all = {
        {"verify-signature",
         QT_TRANSLATE_NOOP("cli", "Check a webhook signature: exit 0 on a match, 1 otherwise"),
         &runVerifySignature},
        {"settings", QT_TRANSLATE_NOOP("cli", "Read or change a setting: settings get|set KEY [VALUE]"),
         &runSettings},
        {"list", QT_TRANSLATE_NOOP("cli", "List conversations: list [--needs-human] [--json]"), &runList},
        {"deliveries", QT_TRANSLATE_NOOP("cli", "List webhook deliveries: deliveries [--json]"),
         &runDeliveries},
        {"resolve", QT_TRANSLATE_NOOP("cli", "Give a conversation back to the bot: resolve CONVERSATION_ID"),
         &runResolve},
        {"reply",
         QT_TRANSLATE_NOOP(
             "cli", "Answer a customer as the operator, text on standard input: reply CONVERSATION_ID"),
         &runReply},
        {"status",
         QT_TRANSLATE_NOOP("cli", "Show the process that leads the inbox, and the standbys and seats online"),
         &runStatus},
        {"test-event",
         QT_TRANSLATE_NOOP("cli", "Post a signed sample lead to the webhook endpoint: exit 0 on a 2xx"),
         &runTestEvent},
    };
    return all;
}

namespace {
// --help and --version answer without a display, so they run here too.
bool isInformational(const char* arg)
{
    for (const char* flag : {"--help", "-h", "--help-all", "-?", "--version", "-v"}) {
        if (std::strcmp(arg, flag) == 0)
            return true;
    }
    return false;
}

// Options of a plain start whose next argument is their value, not a command word: ours
// (--database FILE) and the ones QGuiApplication takes (-platform offscreen, -style Fusion …),
// with one dash or two.
bool takesValue(const QString& arg)
{
    if (arg.contains(u'='))
        return false; // --database=FILE carries its value
    const QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
    for (const char* option : {"database", "platform", "platformpluginpath", "platformtheme", "plugin",
                               "qmljsdebugger", "qwindowgeometry", "geometry", "qwindowicon", "qwindowtitle",
                               "title", "style", "stylesheet", "session", "display", "name"}) {
        if (name == QLatin1String(option))
            return true;
    }
    return false;
}

// The index in `arguments` (the program's name excluded) of the first argument that is neither
// an option nor an option's value: the command word, known or not. -1 when there is none, and
// then the window opens.
qsizetype commandWordIndex(const QStringList& arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments[i];
        if (arg.size() > 1 && arg.startsWith(u'-')) {
            if (takesValue(arg))
                ++i;
            continue;
        }
        return i;
    }
    return -1;
}

QStringList argumentsOf(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

const Command* findCommand(const QString& word)
{
    for (const Command& c : commands()) {
        if (word == QLatin1String(c.name))
            return &c;
    }
    return nullptr;
}
} // namespace

bool isCommand(int argc, char* argv[])
{
    // Any command word, even one we do not know: an unknown word is a usage error, never the
    // window (a typo in a script must not start a GUI that waits for nobody).
    if (commandWordIndex(argumentsOf(argc, argv)) >= 0)
        return true;
    for (int i = 1; i < argc; ++i) {
        if (isInformational(argv[i]))
            return true;
    }
    return false;
}

int runCommand(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslations();
    QStringList arguments = app.arguments().mid(1);
    if (const qsizetype wordIndex = commandWordIndex(arguments); wordIndex >= 0) {
        const QString word = arguments.takeAt(wordIndex);
        // Options given before the word (zapito-inbox --database F list) go to the command too.
        if (const Command* command = findCommand(word))
            return command->run(QStringList{word} + arguments);
        QStringList names;
        for (const Command& c : commands())
            names.append(QLatin1String(c.name));
        QTextStream(stderr) << tr("zapito-inbox: unknown command \"%1\". Commands: %2. Without a command "
                                  "it opens the window; zapito-inbox --help says more.")
                                   .arg(word, names.join(QStringLiteral(", ")))
                            << Qt::endl;
        return 2;
    }
    QCommandLineParser parser;
    AppOptions options;
    describe(parser, options);
    parser.process(app); // prints help or version and exits
    return 2;
}

} // namespace zapito::cli
