// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"

#include <QSqlDatabase>
#include <QString>

namespace zapito {

// Brings a database's schema to the newest version this build knows, one numbered migration
// file (resources/migrations/<dialect>/NNNN_name.sql) at a time, each in its own transaction.
class Migrator
{
public:
    explicit Migrator(QSqlDatabase db);

    // The newest schema version among the migration files.
    int latestVersion() const;
    // The version recorded in the database; 0 for an empty database.
    Expected<int> currentVersion() const;
    // Applies every migration above the current version up to `target` (default: latest).
    Status migrate(int target = -1);

    // Splits a migration file into statements: `;` at a line's end ends one, except inside
    // a CREATE TRIGGER … END; body.
    static QStringList splitStatements(const QString& sql);

private:
    struct MigrationFile
    {
        int version;
        QString path;
    };
    QList<MigrationFile> migrationFiles() const;
    // One migration in its own transaction, recorded in schema_version.
    Status apply(int version, const QStringList& statements);

    QSqlDatabase m_db;
};

} // namespace zapito
