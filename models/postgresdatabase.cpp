// SPDX-License-Identifier: Apache-2.0
#include "postgresdatabase.h"

#include "migrator.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

Q_LOGGING_CATEGORY(lcPostgres, "zapito.database.postgresql")

namespace zapito {

namespace {

using Kind = DatabaseOpenError::Kind;

// How long a connection attempt waits for the server before it counts as unreachable.
constexpr int kConnectTimeoutSeconds = 10;

QString newConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("zapito-pg-%1").arg(++counter);
}

// libpq reports a failed connection as text only (no SQLSTATE reaches Qt before a session
// exists), so the kinds are told apart by its messages. Anything else is "unreachable", which
// names the server and is what a person checks first.
Kind classifyConnectError(const QString& text)
{
    if (text.contains(QLatin1String("password authentication failed")) ||
        text.contains(QLatin1String("no password supplied")) ||
        text.contains(QLatin1String("authentication failed")) ||
        text.contains(QLatin1String("pg_hba.conf")) ||
        (text.contains(QLatin1String("role \"")) && text.contains(QLatin1String("does not exist"))))
        return Kind::AuthenticationFailed;
    if (text.contains(QLatin1String("database \"")) && text.contains(QLatin1String("does not exist")))
        return Kind::Missing;
    return Kind::Unreachable;
}

QString explain(Kind kind, const QString& url, const QString& detail)
{
    switch (kind) {
    case Kind::Unreachable:
        return Database::tr("The PostgreSQL server of %1 cannot be reached (%2). Check the host and port, "
                            "and that the server is running.")
            .arg(url, detail);
    case Kind::AuthenticationFailed:
        return Database::tr("PostgreSQL refused the login for %1 (%2). Check the user name, and give the "
                            "password in PGPASSWORD or ~/.pgpass (never in the URL).")
            .arg(url, detail);
    case Kind::Missing:
        return Database::tr("There is no inbox in the PostgreSQL database %1 (%2). Nothing was created; "
                            "check the name in the URL, create the database (createdb), or open it once "
                            "with Zapito Inbox to set it up.")
            .arg(url, detail);
    case Kind::Foreign:
        return Database::tr(
                   "The PostgreSQL database %1 belongs to another program: it has tables but not "
                   "Zapito Inbox's (%2). Nothing was changed. Give Zapito Inbox a database of its own.")
            .arg(url, detail);
    case Kind::NewerSchema:
        return Database::tr("The inbox database %1 was written by a newer version of Zapito Inbox (%2). "
                            "Nothing was changed. Install the newer version to open it.")
            .arg(url, detail);
    case Kind::OlderSchema:
        return Database::tr("The inbox database %1 was written by an older version (%2). Open it once "
                            "with Zapito Inbox to upgrade it; nothing was changed.")
            .arg(url, detail);
    case Kind::MigrationFailed:
        return Database::tr("The inbox database %1 could not be upgraded (%2). Nothing was changed. "
                            "Restore it from a backup or report the problem.")
            .arg(url, detail);
    default:
        break;
    }
    return Database::tr("The inbox database %1 cannot be opened (%2).").arg(url, detail);
}

std::unique_ptr<Database> fail(DatabaseOpenError* error, Kind kind, const QString& url, const QString& detail)
{
    qCWarning(lcPostgres) << "cannot open" << url << ":" << detail;
    if (error)
        *error = {kind, url, explain(kind, url, detail)};
    return nullptr;
}

QSqlDatabase connect(const PostgresDatabase::Address& address, const QString& name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(address.host);
    if (address.port > 0)
        db.setPort(address.port);
    db.setUserName(address.user);
    db.setDatabaseName(address.database);
    // No password is set: libpq takes it from PGPASSWORD or ~/.pgpass.
    db.setConnectOptions(address.connectOptions);
    db.open();
    return db;
}

Status configure(QSqlDatabase db, int busyTimeoutMs)
{
    QSqlQuery q(db);
    for (const QString& statement : SqlDialect(SqlDialect::Kind::PostgreSQL).connectionSetup(busyTimeoutMs)) {
        if (!q.exec(statement))
            return Status::failure(q.lastError().text());
    }
    return Status::ok();
}

} // namespace

bool PostgresDatabase::isUrl(const QString& path)
{
    return path.startsWith(QLatin1String("postgresql://")) || path.startsWith(QLatin1String("postgres://"));
}

std::optional<PostgresDatabase::Address> PostgresDatabase::parse(const QString& url, QString* error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || !isUrl(url)) {
        if (error)
            *error = Database::tr("not a postgresql://user@host:port/database URL");
        return std::nullopt;
    }
    Address address;
    address.user = parsed.userName(QUrl::FullyDecoded);
    address.hasPassword = !parsed.password().isEmpty();
    address.host = parsed.host(QUrl::FullyDecoded);
    address.port = parsed.port(-1);
    address.database = parsed.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(parsed);
    QStringList options{QStringLiteral("connect_timeout=%1").arg(kConnectTimeoutSeconds),
                        QStringLiteral("application_name=zapito-inbox")};
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host"))
            address.host = value;
        else if (key == QLatin1String("port"))
            address.port = value.toInt();
        else if (key == QLatin1String("user"))
            address.user = value;
        else if (key == QLatin1String("dbname"))
            address.database = value;
        else if (key == QLatin1String("password"))
            address.hasPassword = true;
        else if (key == QLatin1String("sslmode") || key == QLatin1String("sslrootcert") ||
                 key == QLatin1String("connect_timeout"))
            options << key + u'=' + value;
        else {
            if (error)
                *error = Database::tr("the URL option %1 is not supported").arg(key);
            return std::nullopt;
        }
    }
    if (address.hasPassword) {
        if (error)
            *error =
                Database::tr("a password does not belong in the URL: give it in PGPASSWORD or ~/.pgpass");
        return std::nullopt;
    }
    if (address.database.isEmpty()) {
        if (error)
            *error = Database::tr("the URL names no database");
        return std::nullopt;
    }
    address.connectOptions = options.join(u';');
    address.display = parsed.toDisplayString(QUrl::RemovePassword);
    return address;
}

std::unique_ptr<Database> PostgresDatabase::open(const QString& url, const Database::Options& options,
                                                 DatabaseOpenError* error)
{
    QString invalid;
    const auto address = parse(url, &invalid);
    if (!address)
        return fail(error, Kind::Unreadable, QUrl(url).toDisplayString(QUrl::RemovePassword), invalid);
    const QString& shown = address->display;

    const QString name = newConnectionName();
    // No instance lock: PostgreSQL orders concurrent writers itself.
    std::unique_ptr<Database> database(new Database(url, name, nullptr));
    database->m_busyTimeoutMs = options.busyTimeoutMs;
    QSqlDatabase db = connect(*address, name);
    if (!db.isOpen()) {
        const QString detail = db.lastError().text();
        return fail(error, classifyConnectError(detail), shown, detail);
    }
    if (const Status configured = configure(db, options.busyTimeoutMs); !configured)
        return fail(error, Kind::Unreadable, shown, configured.error());

    QSqlQuery probe(db);
    if (!probe.exec(QStringLiteral(
            "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")) ||
        !probe.next())
        return fail(error, Kind::Unreadable, shown, probe.lastError().text());
    const int tables = probe.value(0).toInt();
    probe.finish();

    Migrator migrator(db);
    const bool ours = db.tables().contains(QStringLiteral("schema_version"));
    if (tables > 0 && !ours)
        return fail(error, Kind::Foreign, shown, Database::tr("%n table(s) of its own", "", tables));
    const auto current = migrator.currentVersion();
    if (!current)
        return fail(error, Kind::Unreadable, shown, current.error());
    if (*current > migrator.latestVersion())
        return fail(error, Kind::NewerSchema, shown,
                    Database::tr("schema version %1; this version knows up to %2")
                        .arg(*current)
                        .arg(migrator.latestVersion()));
    if (options.readOnly) {
        // A reader never creates an inbox: an empty database is not an old one, it holds none yet.
        if (tables == 0)
            return fail(error, Kind::Missing, shown, Database::tr("the database holds no inbox yet"));
        if (*current < migrator.latestVersion())
            return fail(error, Kind::OlderSchema, shown,
                        Database::tr("schema version %1, this version uses %2")
                            .arg(*current)
                            .arg(migrator.latestVersion()));
        // Reads only: a bug that writes fails instead of changing the store.
        QSqlQuery(db).exec(QStringLiteral("SET default_transaction_read_only = on"));
        if (error)
            *error = {};
        return database;
    }
    if (const Status migrated = migrator.migrate(options.migrateTo); !migrated)
        return fail(error, Kind::MigrationFailed, shown, migrated.error());
    if (error)
        *error = {};
    return database;
}

QSqlDatabase PostgresDatabase::openConnection(const QString& url, const QString& connectionName,
                                              int busyTimeoutMs)
{
    const auto address = parse(url, nullptr);
    if (!address)
        return QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    QSqlDatabase db = connect(*address, connectionName);
    if (db.isOpen())
        (void)configure(db, busyTimeoutMs);
    return db;
}

} // namespace zapito
