// SPDX-License-Identifier: Apache-2.0
#include "testdatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

namespace zapito::test {

namespace {

// The cluster fixture's URL: a test that should run on PostgreSQL and finds no cluster fails,
// it never quietly runs on SQLite or skips.
QString clusterUrl()
{
    const QString file = qEnvironmentVariable("ZAPITO_TEST_POSTGRES_URL_FILE");
    QFile f(file);
    if (file.isEmpty() || !f.open(QIODevice::ReadOnly))
        qFatal("ZAPITO_TEST_DIALECT=postgresql but no cluster URL in %s (run the test through ctest, "
               "whose postgres_cluster_start fixture writes it)",
               qPrintable(file));
    return QString::fromUtf8(f.readAll()).trimmed();
}

QString withDatabase(const QString& url, const QString& database)
{
    QUrl changed(url);
    changed.setPath(u'/' + database);
    return changed.toString();
}

// Runs one statement on the cluster's own database; CREATE / DROP DATABASE cannot run inside a
// transaction, and Qt's connection runs it outside one.
bool onCluster(const QString& url, const QString& statement, QString* error)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("zapito-test-admin-%1").arg(++counter);
    bool ok = false;
    {
        const QUrl parsed(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setUserName(parsed.userName());
        db.setDatabaseName(parsed.path().mid(1));
        const QUrlQuery query(parsed);
        db.setHostName(query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded));
        db.setPort(query.queryItemValue(QStringLiteral("port")).toInt());
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (!ok)
                *error = q.lastError().text();
        } else {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool TestDatabase::isPostgreSQL()
{
    return qEnvironmentVariable("ZAPITO_TEST_DIALECT") == QLatin1String("postgresql");
}

TestDatabase::TestDatabase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    if (!isPostgreSQL())
        return;
    static std::atomic<int> counter{0};
    m_postgresUrl = clusterUrl();
    m_postgresDatabase = QStringLiteral("%1_%2_%3")
                             .arg(QCoreApplication::applicationName().toLower().remove(u'-'))
                             .arg(QCoreApplication::applicationPid())
                             .arg(++counter);
    QString error;
    if (!onCluster(m_postgresUrl, QStringLiteral("CREATE DATABASE \"%1\"").arg(m_postgresDatabase), &error))
        qFatal("cannot create the test database %s: %s", qPrintable(m_postgresDatabase), qPrintable(error));
}

TestDatabase::~TestDatabase()
{
    if (m_postgresDatabase.isEmpty())
        return;
    QString error;
    // FORCE: a connection the test left open (a reader thread) must not keep the database.
    if (!onCluster(m_postgresUrl,
                   QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_postgresDatabase),
                   &error))
        qWarning("cannot drop the test database %s: %s", qPrintable(m_postgresDatabase), qPrintable(error));
}

QString TestDatabase::path() const
{
    if (!m_postgresDatabase.isEmpty())
        return withDatabase(m_postgresUrl, m_postgresDatabase);
    return m_dir.filePath(QStringLiteral("inbox.sqlite"));
}

std::unique_ptr<Database> TestDatabase::open(const Database::Options& options) const
{
    DatabaseOpenError error;
    auto db = Database::open(path(), options, &error);
    if (!db)
        qWarning("cannot open test database: %s", qPrintable(error.message));
    return db;
}

} // namespace zapito::test
