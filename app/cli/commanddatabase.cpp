// SPDX-License-Identifier: Apache-2.0
#include "commanddatabase.h"

#include "settingsfile.h"

#include <QCoreApplication>
#include <QTextStream>

namespace zapito::cli {

QString configuredDatabaseLocation(const QString& settingsFile)
{
    const auto settings = openSettings(settingsFile);
    const QString configured = settings->value(QLatin1String(kDatabaseLocationKey)).toString().trimmed();
    // A URL with a password in it is not quietly used: Database::open refuses it and says where
    // the password goes (PGPASSWORD, ~/.pgpass), without showing it.
    return configured.isEmpty() ? Database::defaultPath() : configured;
}

QString databaseOptionDescription()
{
    // No path of this machine's in it: the manual page is made from this text.
    return QCoreApplication::translate(
        "cli", "Use the inbox at <location>: an SQLite file, or a PostgreSQL database shared by a team as "
               "postgresql://user@host:port/dbname (the password from PGPASSWORD or ~/.pgpass, never in "
               "the URL). Default: the setting database.location, else inbox.sqlite in your data folder.");
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("database"), databaseOptionDescription(),
                              QCoreApplication::translate("cli", "location"), configuredDatabaseLocation());
}

std::unique_ptr<Database> openDatabaseForCommand(const QString& path, bool write)
{
    Database::Options options;
    // A mistyped --database must not leave an empty inbox behind, and a reader must never
    // migrate a database a running app has open.
    options.readOnly = !write;
    DatabaseOpenError error;
    auto database = Database::open(path, options, &error);
    if (!database)
        QTextStream(stderr) << error.message << Qt::endl;
    return database;
}

} // namespace zapito::cli
