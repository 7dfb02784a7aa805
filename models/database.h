// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QLockFile>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace zapito {

// Why a database could not be opened, with a message for the user that names the file and
// says what to do. Opening never creates a fresh database in place of a bad one.
struct DatabaseOpenError
{
    enum class Kind
    {
        None,
        Unreadable,           // missing folder, a directory, no permission
        Corrupt,              // not an SQLite database, or damaged
        NewerSchema,          // written by a newer Zapito Inbox
        InUse,                // another running Zapito Inbox has it open
        Locked,               // another program holds a lock on it
        MigrationFailed,      // the schema upgrade failed; nothing was changed
        Foreign,              // another program's SQLite database: never given our tables
        ReadOnly,             // this user may not write it (or its folder)
        Missing,              // a read-only open of a file that does not exist: nothing is created
        OlderSchema,          // a read-only open of a database the app has not upgraded yet
        Unreachable,          // PostgreSQL: no server answers at that address
        AuthenticationFailed, // PostgreSQL: the server refused the user or its password
    };
    Kind kind = Kind::None;
    QString path;
    QString message;
};

// One open SQLite (or later PostgreSQL) database with its schema up to date. Several processes
// may have it open at once; which one leads is decided beside it (app/core/leadership.*).
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Database)
public:
    struct Options
    {
        int busyTimeoutMs = 5000;
        // No longer used: a second process on the store is a seat, not refused (the leader lock
        // is app/core/leadership.*). Kept so callers that turn it off still build.
        bool takeInstanceLock = true;
        // Stop at this schema version instead of the newest (tests of migrations).
        int migrateTo = -1;
        // For commands that only read: never create, never migrate, never write, take no lock.
        bool readOnly = false;
        // How long the write probe at open waits for another program's lock before refusing.
        int writeProbeTimeoutMs = 1000;
    };

    static std::unique_ptr<Database> open(const QString& path, DatabaseOpenError* error);
    static std::unique_ptr<Database> open(const QString& path, const Options& options,
                                          DatabaseOpenError* error);
    // The embedded default: inbox.sqlite in the user's data folder.
    static QString defaultPath();

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    const QString& path() const { return m_path; }
    SqlDialect dialect() const { return SqlDialect::forDatabase(connection()); }
    // How long this connection's statements wait for another connection's lock from now on.
    Status setBusyTimeout(int ms);
    int busyTimeoutMs() const { return m_busyTimeoutMs; }
    // A further connection to the same file, for a worker thread; the caller removes it. It
    // waits for locks as long as this one does, or `busyTimeoutMs` when given.
    QSqlDatabase openExtraConnection(const QString& connectionName, int busyTimeoutMs = -1) const;
    // The same store through a further connection, for a store that lives on a worker thread:
    // made on the calling thread and usable only there, closed when the result is destroyed.
    // Nothing is migrated, probed or locked: this handle's owner did that. Check
    // connection().isOpen().
    std::unique_ptr<Database> openPeer(const QString& connectionName, int busyTimeoutMs) const;

private:
    friend class PostgresDatabase; // opens a PostgreSQL store (postgresdatabase.h)
    Database(QString path, QString connectionName, std::unique_ptr<QLockFile> lock);

    QString m_path;
    QString m_connectionName;
    std::unique_ptr<QLockFile> m_instanceLock;
    int m_busyTimeoutMs = 5000;
};

} // namespace zapito
