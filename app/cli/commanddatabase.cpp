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
    options.takeInstanceLock = write;
    DatabaseOpenError error;
    auto database = Database::open(path, options, &error);
    if (!database)
        QTextStream(stderr) << error.message << Qt::endl;
    return database;
}

} // namespace zapito::cli
