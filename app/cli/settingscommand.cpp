// SPDX-License-Identifier: Apache-2.0
#include "settingscommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "commandsettings.h"

#include "secretstore.h"
#include "settingscatalog.h"
#include "settingsvalues.h"
#include "sharedsettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <termios.h>
#include <unistd.h>

namespace zapito::cli {

namespace {

// Reads one secret from standard input; typed input is not echoed.
QString readSecretFromStdin(const QString& name)
{
    QTextStream err(stderr);
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        err << tr("%1 (input hidden, Enter to finish): ").arg(name) << Qt::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QFile in;
    QByteArray value;
    if (in.open(stdin, QIODevice::ReadOnly))
        value = terminal ? in.readLine() : in.readAll();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err << Qt::endl;
    }
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    return QString::fromUtf8(value);
}

int get(const QString& key, const QString& location)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QList<const SettingInfo*> wanted;
    if (key.isEmpty()) {
        for (const SettingInfo& s : settingsCatalog())
            wanted.append(&s);
    } else if (const SettingInfo* s = findSetting(key)) {
        wanted.append(s);
    } else {
        err << tr("Unknown setting %1; `zapito-inbox settings get` lists them all.").arg(key) << Qt::endl;
        return 2;
    }
    // The settings every seat agrees on are the store's (read-only: `get` never creates or
    // upgrades the inbox); the others are this machine's.
    bool needsStore = false;
    for (const SettingInfo* s : std::as_const(wanted))
        needsStore = needsStore || (!s->isSecret() && SettingsValues::isShared(QLatin1String(s->storageKey)));
    std::optional<CommandSettings> store;
    if (needsStore) {
        store = openCommandSettings(location, false);
        if (!store)
            return 1;
    }
    SettingsValues values({}, store ? store->shared.get() : nullptr);
    auto secrets = std::make_shared<SecretStore>();
    auto remaining = std::make_shared<int>(int(wanted.size()));
    auto lines = std::make_shared<QStringList>(QList<QString>(wanted.size()));
    auto status = std::make_shared<int>(0);
    // Secrets are read asynchronously; print everything in catalog order once all arrived.
    auto finish = [lines, remaining, status, secrets]() {
        if (--*remaining > 0)
            return;
        QTextStream out(stdout);
        for (const QString& line : std::as_const(*lines))
            out << line << Qt::endl;
        QCoreApplication::exit(*status);
    };
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        const SettingInfo* s = wanted[i];
        const QString prefix =
            key.isEmpty() ? QString(QLatin1String(s->name) + QStringLiteral(" = ")) : QString();
        if (!s->isSecret()) {
            (*lines)[i] =
                prefix + formatSettingValue(*s, values.value(QLatin1String(s->storageKey), s->defaultValue));
            QTimer::singleShot(0, finish);
            continue;
        }
        secrets->read(QLatin1String(s->storageKey), [lines, i, prefix, status,
                                                     finish](std::optional<QString> value, QString error) {
            if (!error.isEmpty()) {
                (*lines)[i] = prefix + tr("(cannot be read: %1)").arg(error);
                *status = 1;
            } else {
                (*lines)[i] = prefix + (value && !value->isEmpty() ? tr("(set)") : tr("(not set)"));
            }
            finish();
        });
    }
    return QCoreApplication::exec();
}

int set(const QString& key, const std::optional<QString>& valueArgument, const QString& location)
{
    QTextStream err(stderr);
    const SettingInfo* s = findSetting(key);
    if (!s) {
        err << tr("Unknown setting %1; `zapito-inbox settings get` lists them all.").arg(key) << Qt::endl;
        return 2;
    }
    if (s->isSecret()) {
        if (valueArgument) {
            err << tr("%1 is a secret: give it on standard input, not on the command line (which shell "
                      "history and other users can see).")
                       .arg(key)
                << Qt::endl;
            return 2;
        }
        const QString secret = readSecretFromStdin(key);
        auto secrets = std::make_shared<SecretStore>();
        auto done = [secrets, key](QString error) {
            QTextStream err(stderr);
            if (!error.isEmpty()) {
                err << tr("%1 was not saved: %2").arg(key, error) << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            err << tr("%1 saved.").arg(key) << ' ' << secrets->storageDescription() << Qt::endl;
            QCoreApplication::exit(0);
        };
        if (secret.isEmpty())
            secrets->remove(QLatin1String(s->storageKey), done);
        else
            secrets->write(QLatin1String(s->storageKey), secret, done);
        return QCoreApplication::exec();
    }
    if (!valueArgument) {
        err << tr("Give the value: zapito-inbox settings set %1 VALUE").arg(key) << Qt::endl;
        return 2;
    }
    QString problem;
    const auto parsed = parseSettingValue(*s, *valueArgument, &problem);
    if (!parsed) {
        err << tr("%1 was not changed: %2.").arg(key, problem) << Qt::endl;
        return 1;
    }
    if (SettingsValues::isShared(QLatin1String(s->storageKey))) {
        // Into the store every seat reads: the leader and the other seats follow within a second.
        auto store = openCommandSettings(location, true);
        if (!store)
            return 1;
        if (const Status written =
                store->shared->setNow({{QLatin1String(s->storageKey), SettingsValues::toText(*parsed)}});
            !written) {
            err << tr("%1 was not changed: %2").arg(key, written.error()) << Qt::endl;
            return 1;
        }
        return 0;
    }
    QSettings settings;
    settings.setValue(QLatin1String(s->storageKey), *parsed);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        err << tr("%1 could not be written to %2.").arg(key, settings.fileName()) << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace

int runSettings(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    QString description = tr(
        "Reads or changes a setting. Secrets are read from standard input and never printed; they stay on "
        "this machine. The webhook's, the bot's and the channels' settings are kept in the inbox, so every "
        "seat and the leader share them and follow a change at once; database.location is this "
        "machine's.\n\nSettings:");
    for (const SettingInfo& s : settingsCatalog())
        description +=
            QStringLiteral("\n  %1  %2").arg(QLatin1String(s.name), -28).arg(QLatin1String(s.description));
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(databaseOption());
    parser.addPositionalArgument(QStringLiteral("get|set"), tr("Read or change."));
    parser.addPositionalArgument(QStringLiteral("KEY"),
                                 tr("The setting (all of them for `get` without KEY)."));
    parser.addPositionalArgument(QStringLiteral("VALUE"), tr("The new value (not for secrets)."));
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    // parse() takes arguments[0], the command's name, as the program name.
    const QStringList args = parser.positionalArguments();
    const QString verb = args.value(0);
    const QString location = parser.value(QStringLiteral("database"));
    if (verb == QLatin1String("get") && args.size() <= 2)
        return get(args.value(1), location);
    if (verb == QLatin1String("set") && (args.size() == 2 || args.size() == 3))
        return set(args.value(1), args.size() == 3 ? std::optional<QString>(args.value(2)) : std::nullopt,
                   location);
    err << tr("Usage: zapito-inbox settings get [KEY] | settings set KEY [VALUE]") << Qt::endl;
    return 2;
}

} // namespace zapito::cli
