// SPDX-License-Identifier: Apache-2.0
#include "database.h"
#include "migrator.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <unistd.h>

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

    // Makes an SQLite file the way another program would: rollback journal, its own tables.
    static void makeForeignDatabase(const QString& path, const QStringList& statements)
    {
        {
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("maker"));
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QSqlQuery q(other);
            for (const QString& statement : statements)
                QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("maker"));
    }
    static QFileDevice::Permissions ownerReadWrite()
    {
        return QFileDevice::ReadOwner | QFileDevice::WriteOwner;
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
        // Every migration file shipped was applied once, in order: counted from the files
        // themselves, not asked of the Migrator under test.
        const QStringList files = QDir(QStringLiteral(":/migrations/sqlite"))
                                      .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 3);
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
        QList<int> applied;
        while (q.next())
            applied << q.value(0).toInt();
        QList<int> expected;
        for (const QString& file : files)
            expected << file.left(4).toInt();
        QCOMPARE(applied, expected);
        for (const char* table : {"bots", "conversations", "messages", "handoff_events", "webhook_outbox",
                                  "channel_outbox", "delivery_attempts", "messages_fts"})
            QVERIFY2(db->connection().tables().contains(QLatin1String(table)), table);
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

    void open_secondProcessIsASeatNotRefused()
    {
        // One inbox, many seats: a second open is welcome (who leads is decided beside the file,
        // by the leader lock), and no instance lock is left next to it.
        test::TestDatabase tmp;
        auto first = tmp.open();
        QVERIFY(first);
        DatabaseOpenError error;
        auto second = Database::open(tmp.path(), &error);
        QVERIFY2(second, qPrintable(error.message));
        QCOMPARE(int(error.kind), int(Kind::None));
        QVERIFY(!QFileInfo::exists(tmp.path() + QStringLiteral(".lock")));
        // Both write the same store.
        QSqlQuery q(second->connection());
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_2', 'B', 1)")));
        QSqlQuery r(first->connection());
        QVERIFY(r.exec(QStringLiteral("SELECT COUNT(*) FROM bots WHERE id = 'bot_2'")) && r.next());
        QCOMPARE(r.value(0).toInt(), 1);
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

    void open_refusesAnotherProgramsDatabase_unchanged()
    {
        test::TestDatabase tmp;
        makeForeignDatabase(tmp.path(),
                            {QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"),
                             QStringLiteral("INSERT INTO invoices (total) VALUES (12.5)")});
        expectRefused(tmp.path(), Kind::Foreign);
        QVERIFY(!QFile::exists(tmp.path() + QStringLiteral("-wal")));
    }

    // The journal-mode switch used to run before the version check and rewrote the header.
    void open_refusesNewerSchema_rollbackJournalFile_isByteIdentical()
    {
        test::TestDatabase tmp;
        makeForeignDatabase(tmp.path(),
                            {QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                                            "applied_at_ms INTEGER NOT NULL)"),
                             QStringLiteral("INSERT INTO schema_version VALUES (9999, 0)")});
        expectRefused(tmp.path(), Kind::NewerSchema);
        QVERIFY(!QFile::exists(tmp.path() + QStringLiteral("-wal")));
    }

    // Another program holds BEGIN EXCLUSIVE on a WAL database: refused at open, after the probe's
    // short wait, rather than accepted and then blocking every message for the busy timeout.
    void open_refusesWalDatabaseHeldExclusively()
    {
        test::TestDatabase tmp;
        QVERIFY(tmp.open()); // an inbox, in WAL mode
        {
            QSqlDatabase other =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            other.setDatabaseName(tmp.path());
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('b', 'B', 1)")));
            Database::Options options;
            options.writeProbeTimeoutMs = 100;
            DatabaseOpenError error;
            QVERIFY(!Database::open(tmp.path(), options, &error));
            QCOMPARE(int(error.kind), int(Kind::Locked));
            QVERIFY(error.message.contains(tmp.path()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QVERIFY(tmp.open());
    }

    // A file this user may not write. Root may write anything, so as root the check runs in a
    // child process of this test that has dropped to the unprivileged user `nobody`.
    void open_refusesReadOnlyFile()
    {
        test::TestDatabase tmp;
        QVERIFY(tmp.open());
        QVERIFY(QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::ReadGroup |
                                                      QFileDevice::ReadOther));
        if (::geteuid() != 0) {
            Database::Options options;
            options.takeInstanceLock = false;
            expectRefused(tmp.path(), Kind::ReadOnly, options);
            return;
        }
        // nobody needs to reach the file, and SQLite needs to read -wal/-shm.
        for (const QString& f :
             QStringList{tmp.path() + QStringLiteral("-wal"), tmp.path() + QStringLiteral("-shm")})
            QFile::setPermissions(f,
                                  QFileDevice::ReadOwner | QFileDevice::ReadOther | QFileDevice::WriteOther);
        QFile::setPermissions(QFileInfo(tmp.path()).absolutePath(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                  QFileDevice::ReadOther | QFileDevice::ExeOther);
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ZAPITO_TEST_READONLY_DATABASE"), tmp.path());
        child.setProcessEnvironment(env);
        child.start(QStringLiteral("setpriv"),
                    {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                     QStringLiteral("--clear-groups"), QCoreApplication::applicationFilePath(),
                     QStringLiteral("readOnlyFile_childProcess")});
        QVERIFY(child.waitForFinished(30000));
        const QByteArray output = child.readAllStandardOutput();
        QVERIFY2(child.exitCode() == 0, output.constData());
        QVERIFY2(output.contains("PASS   : tst_Database::readOnlyFile_childProcess()"), output.constData());
    }
    // Runs only as the child of open_refusesReadOnlyFile.
    void readOnlyFile_childProcess()
    {
        const QString path = qEnvironmentVariable("ZAPITO_TEST_READONLY_DATABASE");
        if (path.isEmpty())
            return;
        QVERIFY(::geteuid() != 0);
        Database::Options options;
        options.takeInstanceLock = false;
        DatabaseOpenError error;
        QVERIFY(!Database::open(path, options, &error));
        QVERIFY2(error.kind == Kind::ReadOnly, qPrintable(error.message));
        expectRefused(path, Kind::ReadOnly, options);
    }

    void open_newDatabase_isPrivate()
    {
        test::TestDatabase tmp;
        const QString folder = tmp.filePath(QStringLiteral("data"));
        const QString path = folder + QStringLiteral("/inbox.sqlite");
        DatabaseOpenError error;
        auto db = Database::open(path, &error);
        QVERIFY2(db, qPrintable(error.message));
        QCOMPARE(QFileInfo(folder).permissions(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                      QFileDevice::ExeOwner | QFileDevice::ReadUser |
                                                      QFileDevice::WriteUser | QFileDevice::ExeUser);
        for (const QString& f :
             QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
            QVERIFY2(QFileInfo::exists(f), qPrintable(f));
            QCOMPARE(QFileInfo(f).permissions(),
                     ownerReadWrite() | QFileDevice::ReadUser | QFileDevice::WriteUser);
        }
    }

    void readOnlyOpen_missingFile_createsNothing()
    {
        test::TestDatabase tmp;
        Database::Options options;
        options.readOnly = true;
        DatabaseOpenError error;
        QVERIFY(!Database::open(tmp.path(), options, &error));
        QCOMPARE(int(error.kind), int(Kind::Missing));
        QVERIFY(!QFile::exists(tmp.path()));
        QVERIFY(QDir(QFileInfo(tmp.path()).absolutePath())
                    .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                    .isEmpty());
    }

    void readOnlyOpen_olderSchema_isRefusedUnchanged()
    {
        test::TestDatabase tmp;
        {
            Database::Options options;
            options.migrateTo = 1;
            QVERIFY(tmp.open(options));
        }
        Database::Options options;
        options.readOnly = true;
        expectRefused(tmp.path(), Kind::OlderSchema, options);
        Database::Options check;
        check.migrateTo = 1; // still at version 1
        auto db = tmp.open(check);
        QVERIFY(db);
        QCOMPARE(Migrator(db->connection()).currentVersion().value(), 1);
    }

    void readOnlyOpen_readsBesideAWriter()
    {
        test::TestDatabase tmp;
        auto writer = tmp.open();
        QVERIFY(writer);
        Database::Options options;
        options.readOnly = true;
        DatabaseOpenError error;
        auto reader = Database::open(tmp.path(), options, &error);
        QVERIFY2(reader, qPrintable(error.message));
        QSqlQuery q(reader->connection());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('b', 'B', 1)")));
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
