#include "commandlinetool.h"

#include "appidentity.h"
#include "appoptions.h"
#include "deliveriescommand.h"
#include "listcommand.h"
#include "resolvecommand.h"
#include "settingscommand.h"
#include "translations.h"
#include "verifysignaturecommand.h"

#include <QCoreApplication>

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
} // namespace

bool isCommand(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    for (int i = 1; i < argc; ++i) {
        if (isInformational(argv[i]))
            return true;
    }
    for (const Command& c : commands()) {
        if (std::strcmp(argv[1], c.name) == 0)
            return true;
    }
    return false;
}

int runCommand(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    installTranslations();
    const QStringList arguments = app.arguments().mid(1);
    for (const Command& c : commands()) {
        if (arguments.value(0) == QLatin1String(c.name))
            return c.run(arguments);
    }
    QCommandLineParser parser;
    AppOptions options;
    describe(parser, options);
    parser.process(app); // prints help or version and exits
    return 2;
}

} // namespace zapito::cli
