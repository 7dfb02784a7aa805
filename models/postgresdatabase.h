// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "database.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace zapito {

// Opening a store on PostgreSQL (team mode) through Qt's QPSQL driver, for Database::open.
//
// The address is a libpq-style URL: postgresql://user@host:port/dbname, or a unix socket folder
// as postgresql://user@/dbname?host=/run/postgresql&port=5432. A password is never part of it
// (it would show in the process list and the shell's history): libpq itself reads PGPASSWORD or
// ~/.pgpass, as every PostgreSQL tool does. The SQLite instance lock does not apply: PostgreSQL
// orders its own writers.
class PostgresDatabase final
{
public:
    struct Address
    {
        QString user;
        QString host; // a name, an address, or a unix socket folder (starts with '/')
        int port = -1;
        QString database;
        QString connectOptions; // for QSqlDatabase::setConnectOptions
        bool hasPassword = false;
        // The URL as shown to a person: never a password.
        QString display;
    };

    static bool isUrl(const QString& path);
    // The parts of a URL; nullopt (with why in `error`) when it is not a usable one.
    static std::optional<Address> parse(const QString& url, QString* error);

    static std::unique_ptr<Database> open(const QString& url, const Database::Options& options,
                                          DatabaseOpenError* error);
    // A further connection to the same store (Database::openExtraConnection).
    static QSqlDatabase openConnection(const QString& url, const QString& connectionName, int busyTimeoutMs);
};

} // namespace zapito
