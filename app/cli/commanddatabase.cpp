// SPDX-License-Identifier: Apache-2.0
#include "commanddatabase.h"

#include <QCoreApplication>
#include <QTextStream>

namespace zapito::cli {

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("database"),
                              QCoreApplication::translate("cli", "Use the SQLite database at <file>."),
                              QCoreApplication::translate("cli", "file"), Database::defaultPath());
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
