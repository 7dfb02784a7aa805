// SPDX-License-Identifier: Apache-2.0
#include "migrator.h"

#include "sqldialect.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace zapito {

namespace {
// The advisory lock every Zapito Inbox process takes to migrate a PostgreSQL store: one fixed
// number ("zapi" in ASCII), the same in every version.
constexpr qint64 kMigrationLockKey = 0x7a617069;
} // namespace

Migrator::Migrator(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<Migrator::MigrationFile> Migrator::migrationFiles() const
{
    static const QRegularExpression numbered(QStringLiteral("^(\\d{4})_.*\\.sql$"));
    const QString folder = SqlDialect::forDatabase(m_db).migrationsFolder();
    QList<MigrationFile> files;
    const QStringList names = QDir(folder).entryList(QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const auto match = numbered.match(name);
        if (match.hasMatch())
            files.append({match.captured(1).toInt(), folder + u'/' + name});
    }
    std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.version < b.version; });
    return files;
}

int Migrator::latestVersion() const
{
    const auto files = migrationFiles();
    return files.isEmpty() ? 0 : files.last().version;
}

Expected<int> Migrator::currentVersion() const
{
    if (!m_db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return Expected<int>::failure(q.lastError().text());
    return q.value(0).toInt();
}

QStringList Migrator::splitStatements(const QString& sql)
{
    QStringList statements;
    QString current;
    // An SQLite trigger's body (CREATE TRIGGER … BEGIN … END;) and a PostgreSQL function's body
    // ($$ … $$) hold `;` that do not end the statement. A PostgreSQL CREATE TRIGGER has no body:
    // it ends at its `;` like any other statement.
    bool inTrigger = false;
    bool inTriggerBody = false;
    bool inDollarQuote = false;
    const QStringList lines = sql.split(u'\n');
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (!inDollarQuote &&
            (trimmed.startsWith(QLatin1String("--")) || (trimmed.isEmpty() && current.isEmpty())))
            continue;
        if (!inDollarQuote && trimmed.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive))
            inTrigger = true;
        if (inTrigger && !inDollarQuote &&
            (trimmed.compare(QLatin1String("BEGIN"), Qt::CaseInsensitive) == 0 ||
             trimmed.endsWith(QLatin1String(" BEGIN"), Qt::CaseInsensitive)))
            inTriggerBody = true;
        if (line.count(QLatin1String("$$")) % 2 == 1)
            inDollarQuote = !inDollarQuote;
        current += line + u'\n';
        bool ends = false;
        if (!inDollarQuote)
            ends = inTriggerBody ? trimmed.compare(QLatin1String("END;"), Qt::CaseInsensitive) == 0
                                 : trimmed.endsWith(u';');
        if (ends) {
            statements.append(current.trimmed());
            current.clear();
            inTrigger = false;
            inTriggerBody = false;
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

Status Migrator::migrate(int target)
{
    const auto files = migrationFiles();
    if (target < 0)
        target = files.isEmpty() ? 0 : files.last().version;
    const auto current = currentVersion();
    if (!current)
        return Status::failure(current.error());

    QSqlQuery q(m_db);
    // On PostgreSQL the table is made inside the first migration's transaction, under its lock
    // (apply()): two processes making it at once would collide in the catalog.
    const bool postgres = SqlDialect::forDatabase(m_db).kind() == SqlDialect::Kind::PostgreSQL;
    if (*current == 0 && !postgres &&
        !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                               "applied_at_ms INTEGER NOT NULL)")))
        return Status::failure(q.lastError().text());

    for (const auto& file : files) {
        if (file.version <= *current || file.version > target)
            continue;
        QFile f(file.path);
        if (!f.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("Cannot read migration %1").arg(file.path));
        const QStringList statements = splitStatements(QString::fromUtf8(f.readAll()));
        if (const Status applied = apply(file.version, statements); !applied)
            return applied;
    }
    return Status::ok();
}

Status Migrator::apply(int version, const QStringList& statements)
{
    // SQLite changes a table's constraints only by rebuilding it, and dropping the old table
    // with foreign keys on would cascade into every row that references it. So, as SQLite's
    // documented procedure says, each migration runs with foreign keys off (the pragma is a
    // no-op inside a transaction, hence outside it) and checks them before committing.
    const bool sqlite = SqlDialect::forDatabase(m_db).kind() == SqlDialect::Kind::SQLite;
    QSqlQuery q(m_db);
    if (sqlite && !q.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return Status::failure(q.lastError().text());
    const auto restoreForeignKeys = qScopeGuard([&] {
        if (sqlite)
            QSqlQuery(m_db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    });
    if (!m_db.transaction())
        return Status::failure(m_db.lastError().text());
    const auto fail = [&](const QString& error) {
        m_db.rollback();
        return Status::failure(QStringLiteral("Migration %1 failed: %2").arg(version).arg(error));
    };
    if (!sqlite) {
        // Under READ COMMITTED two processes opening one store together would both see the old
        // version and both migrate. The transaction-scoped advisory lock makes the second wait for
        // the first's commit; then it reads the version again and finds nothing left to do.
        if (!q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey)))
            return fail(q.lastError().text());
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                                   "applied_at_ms BIGINT NOT NULL)")))
            return fail(q.lastError().text());
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
            return fail(q.lastError().text());
        const int applied = q.value(0).toInt();
        q.finish();
        if (applied >= version) {
            m_db.rollback();
            return Status::ok();
        }
    }
    for (const QString& statement : statements) {
        if (!q.exec(statement))
            return fail(q.lastError().text());
    }
    if (sqlite) {
        if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return fail(q.lastError().text());
        if (q.next())
            return fail(QStringLiteral("a row of %1 refers to a missing row").arg(q.value(0).toString()));
        q.finish();
    }
    q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at_ms) VALUES (?, ?)"));
    q.addBindValue(version);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return fail(q.lastError().text());
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return Status::failure(error);
    }
    return Status::ok();
}

} // namespace zapito
