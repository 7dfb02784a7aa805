// SPDX-License-Identifier: Apache-2.0
#include "database.h"
#include "migrator.h"
#include "testdatabase.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;
using Kind = DatabaseOpenError::Kind;

class tst_Database : public QObject
{
    Q_OBJECT

private:
    static QByteArray readAll(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void writeFile(const QString& path, const QByteArray& bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    static void expectRefused(const QString& path, Kind expected, const Database::Options& options = {})
    {
        const QByteArray before = readAll(path);
        DatabaseOpenError error;
        auto db = Database::open(path, options, &error);
        QVERIFY(!db);
        QCOMPARE(int(error.kind), int(expected));
        QVERIFY2(error.message.contains(path), qPrintable(error.message)); // names the file
        QCOMPARE(readAll(path), before);                                   // loses nothing
    }

private slots:
    void open_createsAndMigratesNewFile()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        QVERIFY(QFile::exists(tmp.path()));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // NORMAL
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QCOMPARE(q.value(0).toInt(), 5000);
        QCOMPARE(Migrator(db->connection()).currentVersion().value(),
                 Migrator(db->connection()).latestVersion());
    }

    void open_reopensExistingFile()
    {
        test::TestDatabase tmp;
        {
            auto db = tmp.open();
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'Luna', 1)")));
        }
        auto db = tmp.open();
        QVERIFY(db);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM bots")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Luna"));
    }

    void open_refusesGarbage_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("text-file") << QByteArray("These are my notes, not a database.\n").repeated(200);
        QTest::newRow("random-bytes") << QByteArray(8192, '\xa5');
        QByteArray header("SQLite format 3");
        header.append('\0');
        header.append(QByteArray(4080, '\x7f'));
        QTest::newRow("header-then-garbage") << header;
    }
    void open_refusesGarbage()
    {
        QFETCH(QByteArray, contents);
        test::TestDatabase tmp;
        writeFile(tmp.path(), contents);
        expectRefused(tmp.path(), Kind::Corrupt);
    }

    void open_refusesDamagedDatabase()
    {
        test::TestDatabase tmp;
        {
            auto db = tmp.open();
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        // Overwrite the schema page's body: the header still says SQLite, the rest is noise.
        QByteArray bytes = readAll(tmp.path());
        QVERIFY(bytes.size() > 4096);
        for (int i = 100; i < 4096; ++i)
            bytes[i] = char(0xee);
        writeFile(tmp.path(), bytes);
        QFile::remove(tmp.path() + QStringLiteral("-wal"));
        QFile::remove(tmp.path() + QStringLiteral("-shm"));
        expectRefused(tmp.path(), Kind::Corrupt);
    }

    void open_refusesNewerSchema()
    {
        test::TestDatabase tmp;
        {
            auto db = tmp.open();
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO schema_version (version, applied_at_ms) VALUES (9999, 0)")));
        }
        DatabaseOpenError error;
        QVERIFY(!Database::open(tmp.path(), &error));
        QCOMPARE(int(error.kind), int(Kind::NewerSchema));
        QVERIFY(error.message.contains(QStringLiteral("newer version")));
        QVERIFY(error.message.contains(QStringLiteral("9999")));
    }

    void open_refusesSecondInstance()
    {
        test::TestDatabase tmp;
        auto first = tmp.open();
        QVERIFY(first);
        DatabaseOpenError error;
        QVERIFY(!Database::open(tmp.path(), &error));
        QCOMPARE(int(error.kind), int(Kind::InUse));
        QVERIFY(error.message.contains(tmp.path()));
        QVERIFY(error.message.contains(QString::number(QCoreApplication::applicationPid())));
        // Once the first instance lets go, the file opens again.
        first.reset();
        QVERIFY(tmp.open());
    }

    void open_refusesFileLockedByAnotherProgram()
    {
        test::TestDatabase tmp;
        {
            // A rollback-journal database that another program holds an exclusive lock on.
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(tmp.path());
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (body TEXT)")));
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO notes VALUES ('held')")));

            Database::Options options;
            options.busyTimeoutMs = 50;
            DatabaseOpenError error;
            QVERIFY(!Database::open(tmp.path(), options, &error));
            QCOMPARE(int(error.kind), int(Kind::Locked));
            QVERIFY(error.message.contains(tmp.path()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
    }

    void open_refusesDirectory()
    {
        test::TestDatabase tmp;
        const QString dir = tmp.filePath(QStringLiteral("folder.sqlite"));
        QVERIFY(QDir().mkpath(dir));
        DatabaseOpenError error;
        QVERIFY(!Database::open(dir, &error));
        QCOMPARE(int(error.kind), int(Kind::Unreadable));
        QVERIFY(error.message.contains(dir));
    }

    void open_refusesUnwritableFolder()
    {
        test::TestDatabase tmp;
        // A regular file where the folder should be: nothing can be created beneath it.
        writeFile(tmp.filePath(QStringLiteral("blocker")), "x");
        const QString path = tmp.filePath(QStringLiteral("blocker/inbox.sqlite"));
        DatabaseOpenError error;
        QVERIFY(!Database::open(path, &error));
        QCOMPARE(int(error.kind), int(Kind::Unreadable));
        QVERIFY(error.message.contains(path));
    }
};

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
