// SPDX-License-Identifier: Apache-2.0
#include "database.h"

#include "migrator.h"
#include "postgresdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

Q_LOGGING_CATEGORY(lcDatabase, "zapito.database")

namespace zapito {

namespace {

// SQLite primary result codes, as QSqlError::nativeErrorCode() reports them.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADatabase = 26;

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("zapito-%1").arg(++counter);
}

DatabaseOpenError::Kind classify(const QSqlError& error)
{
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case kSqliteBusy:
    case kSqliteLocked:
        return DatabaseOpenError::Kind::Locked;
    case kSqliteCorrupt:
    case kSqliteNotADatabase:
        return DatabaseOpenError::Kind::Corrupt;
    case kSqliteReadOnly:
        return DatabaseOpenError::Kind::ReadOnly;
    case kSqliteCantOpen:
    default:
        return DatabaseOpenError::Kind::Unreadable;
    }
}

QString explain(DatabaseOpenError::Kind kind, const QString& path, const QString& detail)
{
    const QString file = QDir::toNativeSeparators(path);
    switch (kind) {
    case DatabaseOpenError::Kind::Corrupt:
        return Database::tr("The inbox database %1 is damaged or is not a Zapito Inbox database (%2). "
                            "Nothing was changed. Restore it from a backup, or move it aside to start "
                            "with an empty inbox.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::InUse:
        return Database::tr("The inbox database %1 is already open in another Zapito Inbox (%2). "
                            "Switch to that window, or quit it first.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::Locked:
        return Database::tr("The inbox database %1 is locked by another program (%2). Close the program "
                            "that holds it and try again.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::NewerSchema:
        return Database::tr("The inbox database %1 was written by a newer version of Zapito Inbox (%2). "
                            "Nothing was changed. Install the newer version to open it.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::MigrationFailed:
        return Database::tr("The inbox database %1 could not be upgraded (%2). Nothing was changed. "
                            "Restore it from a backup or report the problem.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::Foreign:
        return Database::tr("%1 belongs to another program: it is an SQLite database without Zapito "
                            "Inbox's tables (%2). Nothing was changed. Choose another file with --database, "
                            "or move it aside.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::ReadOnly:
        return Database::tr("The inbox database %1 cannot be written (%2). Nothing was changed. Give "
                            "your user write permission on the file and its folder, or copy it somewhere "
                            "writable.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::Missing:
        return Database::tr("There is no inbox database at %1 (%2). Nothing was created; check the path "
                            "given with --database.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::OlderSchema:
        return Database::tr("The inbox database %1 was written by an older version (%2). Open it once "
                            "with Zapito Inbox to upgrade it; nothing was changed.")
            .arg(file, detail);
    case DatabaseOpenError::Kind::Unreachable:          // PostgreSQL's kinds: postgresdatabase.cpp
    case DatabaseOpenError::Kind::AuthenticationFailed: // explains them
    case DatabaseOpenError::Kind::Unreadable:
    case DatabaseOpenError::Kind::None:
        break;
    }
    return Database::tr("The inbox database %1 cannot be opened (%2). Check that it is a file and that "
                        "you may read and write it and its folder.")
        .arg(file, detail);
}

bool fail(DatabaseOpenError* error, DatabaseOpenError::Kind kind, const QString& path, const QString& detail)
{
    qCWarning(lcDatabase) << "cannot open" << path << ":" << detail;
    if (error)
        *error = {kind, path, explain(kind, path, detail)};
    return false;
}

Status configure(QSqlDatabase db, int busyTimeoutMs)
{
    QSqlQuery q(db);
    for (const QString& statement : SqlDialect::forDatabase(db).connectionSetup(busyTimeoutMs)) {
        if (!q.exec(statement))
            return Status::failure(q.lastError().text());
    }
    return Status::ok();
}

Status exec(QSqlDatabase db, const QString& statement)
{
    QSqlQuery q(db);
    return q.exec(statement) ? Status::ok() : Status::failure(q.lastError().text());
}

// Customers' messages are nobody else's business: a new database file is made 0600 before
// SQLite touches it (SQLite gives -wal and -shm the database file's mode).
bool createPrivately(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return false;
    return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

bool makePrivateFolder(const QString& folder)
{
    if (QFileInfo::exists(folder))
        return QFileInfo(folder).isDir();
    if (!QDir().mkpath(folder))
        return false;
    return QFile::setPermissions(folder,
                                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

// Tries a write and rolls it back, so a file another program holds (BEGIN EXCLUSIVE) or one this
// user may not write is refused at open, instead of every later message waiting for the lock.
Status probeWrite(QSqlDatabase db, int timeoutMs, int busyTimeoutMs, bool* locked)
{
    *locked = false;
    (void)exec(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(timeoutMs));
    QSqlQuery q(db);
    bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    QSqlError error = q.lastError();
    if (ok) {
        ok = q.exec(QStringLiteral("CREATE TABLE zapito_write_probe (x INTEGER)"));
        error = q.lastError();
        (void)exec(db, QStringLiteral("ROLLBACK"));
    }
    (void)exec(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs));
    if (ok)
        return Status::ok();
    *locked = classify(error) == DatabaseOpenError::Kind::Locked;
    return Status::failure(error.text());
}

} // namespace

Database::Database(QString path, QString connectionName, std::unique_ptr<QLockFile> lock)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_instanceLock(std::move(lock))
{}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/inbox.sqlite");
}

std::unique_ptr<Database> Database::open(const QString& path, DatabaseOpenError* error)
{
    return open(path, Options{}, error);
}

std::unique_ptr<Database> Database::open(const QString& path, const Options& options,
                                         DatabaseOpenError* error)
{
    using Kind = DatabaseOpenError::Kind;
    if (PostgresDatabase::isUrl(path))
        return PostgresDatabase::open(path, options, error);
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        fail(error, Kind::Unreadable, path, tr("it is not a file"));
        return nullptr;
    }
    const bool isNew = !info.exists();
    if (isNew && options.readOnly) {
        fail(error, Kind::Missing, path, tr("no such file"));
        return nullptr;
    }
    if (isNew && !makePrivateFolder(info.absolutePath())) {
        fail(error, Kind::Unreadable, path, tr("its folder cannot be created"));
        return nullptr;
    }

    // No instance lock: every process on the store is a seat, and one of them leads (the leader
    // lock beside the file, app/core/leadership.*), so a second process is welcome.
    std::unique_ptr<QLockFile> lock;
    if (isNew && !createPrivately(path)) {
        fail(error, Kind::Unreadable, path, tr("it cannot be created"));
        return nullptr;
    }

    const QString name = newConnectionName();
    std::unique_ptr<Database> database(new Database(path, name, std::move(lock)));
    database->m_busyTimeoutMs = options.busyTimeoutMs;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (options.readOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        fail(error, classify(db.lastError()), path, db.lastError().text());
        return nullptr;
    }
    // Nothing is written until every check below has passed: a refused file stays byte-identical.
    (void)exec(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(options.busyTimeoutMs));
    QSqlQuery probe(db);
    // Reading the schema catches garbage and a damaged file.
    if (!probe.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")) || !probe.next()) {
        fail(error, classify(probe.lastError()), path, probe.lastError().text());
        return nullptr;
    }
    const int objects = probe.value(0).toInt();
    probe.finish(); // an open read statement would make a migration's DROP TABLE fail as "locked"

    Migrator migrator(db);
    const bool ours = db.tables().contains(QStringLiteral("schema_version"));
    if (objects > 0 && !ours) {
        fail(error, Kind::Foreign, path, tr("%n table(s) of its own", "", int(db.tables().size())));
        return nullptr;
    }
    const auto current = migrator.currentVersion();
    if (!current) {
        fail(error, Kind::Corrupt, path, current.error());
        return nullptr;
    }
    if (*current > migrator.latestVersion()) {
        fail(
            error, Kind::NewerSchema, path,
            tr("schema version %1; this version knows up to %2").arg(*current).arg(migrator.latestVersion()));
        return nullptr;
    }
    if (options.readOnly) {
        if (*current < migrator.latestVersion()) {
            fail(error, Kind::OlderSchema, path,
                 tr("schema version %1, this version uses %2").arg(*current).arg(migrator.latestVersion()));
            return nullptr;
        }
        (void)exec(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        if (error)
            *error = {};
        return database;
    }

    bool locked = false;
    if (const Status writable = probeWrite(db, options.writeProbeTimeoutMs, options.busyTimeoutMs, &locked);
        !writable) {
        fail(error, locked ? Kind::Locked : Kind::ReadOnly, path, writable.error());
        return nullptr;
    }
    if (const Status configured = configure(db, options.busyTimeoutMs); !configured) {
        fail(error, Kind::Unreadable, path, configured.error());
        return nullptr;
    }
    if (const Status migrated = migrator.migrate(options.migrateTo); !migrated) {
        QSqlQuery check(db);
        const bool busy = !check.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!busy)
            check.exec(QStringLiteral("ROLLBACK"));
        fail(error, busy ? Kind::Locked : Kind::MigrationFailed, path, migrated.error());
        return nullptr;
    }
    if (error)
        *error = {};
    return database;
}

Status Database::setBusyTimeout(int ms)
{
    QSqlQuery q(connection());
    if (!q.exec(dialect().busyTimeout(ms)))
        return Status::failure(q.lastError().text());
    m_busyTimeoutMs = ms;
    return Status::ok();
}

QSqlDatabase Database::openExtraConnection(const QString& connectionName, int busyTimeoutMs) const
{
    if (PostgresDatabase::isUrl(m_path))
        return PostgresDatabase::openConnection(m_path, connectionName,
                                                busyTimeoutMs >= 0 ? busyTimeoutMs : m_busyTimeoutMs);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(m_path);
    if (db.open())
        (void)configure(db, busyTimeoutMs >= 0 ? busyTimeoutMs : m_busyTimeoutMs);
    return db;
}

std::unique_ptr<Database> Database::openPeer(const QString& connectionName, int busyTimeoutMs) const
{
    (void)openExtraConnection(connectionName, busyTimeoutMs);
    std::unique_ptr<Database> peer(new Database(m_path, connectionName, nullptr));
    peer->m_busyTimeoutMs = busyTimeoutMs;
    return peer;
}

} // namespace zapito
