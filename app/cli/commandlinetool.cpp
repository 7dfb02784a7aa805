#include "commandlinetool.h"

#include "appidentity.h"
#include "appoptions.h"

#include <QCoreApplication>

#include <cstring>

namespace zapito::cli {

const QList<Command>& commands()
{
    // One line per command; each command's code is in its own file of this folder.
    static const QList<Command> all = {};
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
