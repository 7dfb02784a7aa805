// SPDX-License-Identifier: Apache-2.0
// The store on PostgreSQL where it differs from SQLite: how opening fails, two processes
// migrating one store at once, and the search indexes the planner uses. Runs on the throw-away
// cluster only (tests/CMakeLists.txt: POSTGRESQL_ONLY); tst_database is the SQLite side.
#include "conversationlistquery.h"
#include "conversationstore.h"
#include "database.h"
#include "migrator.h"
#include "postgresdatabase.h"
#include "sqldialect.h"
#include "testdatabase.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <thread>

using namespace zapito;
using Kind = DatabaseOpenError::Kind;

class tst_PostgresDatabase : public QObject
{
    Q_OBJECT

    // search_usesTheIndexes fills one inbox for all its rows.
    std::unique_ptr<test::TestDatabase> m_searchStore;
    std::unique_ptr<Database> m_searchDatabase;

    // The URL of a fresh test database with one of its parts changed.
    static QString changed(const QString& url, const QString& part, const QString& value)
    {
        QUrl u(url);
        if (part == QLatin1String("database")) {
            u.setPath(u'/' + value);
        } else if (part == QLatin1String("user")) {
            u.setUserName(value);
        } else if (part == QLatin1String("password")) {
            u.setPassword(value);
        } else {
            QUrlQuery query(u);
            query.removeQueryItem(part);
            query.addQueryItem(part, value);
            u.setQuery(query);
        }
        return u.toString();
    }

    // EXPLAIN of a statement the store runs, with its values written in (EXPLAIN cannot be
    // prepared); the values are the test's own.
    static QString plan(const QSqlDatabase& db, QString sql, const QVariantList& binds)
    {
        for (const QVariant& v : binds) {
            const qsizetype at = sql.indexOf(u'?');
            const QString literal =
                v.typeId() == QMetaType::QString
                    ? QString(u'\'' + v.toString().replace(u'\'', QLatin1String("''")) + u'\'')
                    : v.toString();
            sql.replace(at, 1, literal);
        }
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("EXPLAIN ") + sql))
            return QStringLiteral("EXPLAIN failed: ") + q.lastError().text();
        QStringList lines;
        while (q.next())
            lines << q.value(0).toString();
        return lines.join(u'\n');
    }

private slots:
    void initTestCase() { QVERIFY(test::TestDatabase::isPostgreSQL()); }

    void url_isParsedWithoutItsPassword_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("database");
        QTest::newRow("host-and-port") << "postgresql://zapito@db.example:6543/inbox"
                                       << "db.example" << 6543 << "zapito"
                                       << "inbox";
        QTest::newRow("socket-folder") << "postgresql://zapito@/inbox?host=/run/postgresql&port=5433"
                                       << "/run/postgresql" << 5433 << "zapito"
                                       << "inbox";
        QTest::newRow("short-scheme") << "postgres://ops@127.0.0.1/team"
                                      << "127.0.0.1" << -1 << "ops"
                                      << "team";
    }
    void url_isParsedWithoutItsPassword()
    {
        QFETCH(QString, url);
        QString error;
        const auto address = PostgresDatabase::parse(url, &error);
        QVERIFY2(address, qPrintable(error));
        QTEST(address->host, "host");
        QTEST(address->port, "port");
        QTEST(address->user, "user");
        QTEST(address->database, "database");
    }

    void open_namesWhatWentWrong_data()
    {
        QTest::addColumn<QString>("part");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("kind");
        QTest::newRow("server-unreachable") << "host"
                                            << "/nonexistent-socket-folder" << int(Kind::Unreachable);
        QTest::newRow("database-missing") << "database"
                                          << "no_such_inbox" << int(Kind::Missing);
        QTest::newRow("unknown-user") << "user"
                                      << "nobody_here" << int(Kind::AuthenticationFailed);
        // A password in the URL would sit in the process list and the shell's history.
        QTest::newRow("password-in-url") << "password"
                                         << "s3cret-in-url" << int(Kind::Unreadable);
    }
    void open_namesWhatWentWrong()
    {
        QFETCH(QString, part);
        QFETCH(QString, value);
        QFETCH(int, kind);
        test::TestDatabase tmp;
        DatabaseOpenError error;
        QVERIFY(!Database::open(changed(tmp.path(), part, value), &error));
        QCOMPARE(int(error.kind), kind);
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(!error.message.contains(QLatin1String("s3cret")), qPrintable(error.message));
        QVERIFY2(!error.path.contains(QLatin1String("s3cret")), qPrintable(error.path));
    }

    void open_refusesAnotherProgramsDatabase()
    {
        test::TestDatabase tmp;
        {
            Database::Options nothing;
            nothing.migrateTo = 0;
            auto empty = tmp.open(nothing);
            QVERIFY(empty);
            QSqlQuery q(empty->connection());
            QVERIFY(q.exec(QStringLiteral("DROP TABLE IF EXISTS schema_version")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")));
        }
        DatabaseOpenError error;
        QVERIFY(!Database::open(tmp.path(), &error));
        QCOMPARE(error.kind, Kind::Foreign);
        // Nothing was given our tables.
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("raw"));
        {
            const QUrl u(tmp.path());
            raw.setHostName(QUrlQuery(u).queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded));
            raw.setPort(QUrlQuery(u).queryItemValue(QStringLiteral("port")).toInt());
            raw.setUserName(u.userName());
            raw.setDatabaseName(u.path().mid(1));
            QVERIFY(raw.open());
            QCOMPARE(raw.tables(), QStringList{QStringLiteral("invoices")});
            raw.close();
        }
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }

    void open_refusesANewerSchema_andReadOnlyAnEmptyOne()
    {
        test::TestDatabase tmp;
        {
            auto db = tmp.open();
            QVERIFY(db);
            QCOMPARE(Migrator(db->connection()).currentVersion().value(),
                     Migrator(db->connection()).latestVersion());
            QSqlQuery q(db->connection());
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at_ms) VALUES (99, 1)")));
        }
        DatabaseOpenError error;
        QVERIFY(!Database::open(tmp.path(), &error));
        QCOMPARE(error.kind, Kind::NewerSchema);

        test::TestDatabase empty;
        Database::Options readOnly;
        readOnly.readOnly = true;
        // A reader (list, deliveries) on an empty database: nothing there yet, and nothing is made.
        QVERIFY(!Database::open(empty.path(), readOnly, &error));
        QCOMPARE(error.kind, Kind::Missing);
        QVERIFY(!Database::open(empty.path(), readOnly, &error)); // still nothing made
        QCOMPARE(error.kind, Kind::Missing);
        // Once the app has set it up, readers open it.
        QVERIFY(empty.open());
        QVERIFY2(Database::open(empty.path(), readOnly, &error), qPrintable(error.message));
    }

    // Two processes starting on a new store at once: one migrates, the other waits on the advisory
    // lock and finds the schema done; both see the one bot the first made.
    void open_concurrently_migratesOnce_andMakesOneBot()
    {
        test::TestDatabase tmp;
        const QString url = tmp.path();
        QString errors[2];
        QString bots[2];
        const auto start = [&](int i) {
            DatabaseOpenError error;
            auto db = Database::open(url, &error);
            if (!db) {
                errors[i] = error.message;
                return;
            }
            ConversationStore store(*db);
            auto bot = store.ensureBot(QStringLiteral("Luna"));
            if (bot)
                bots[i] = bot->id;
            else
                errors[i] = bot.error();
        };
        std::thread first(start, 0);
        std::thread second(start, 1);
        first.join();
        second.join();
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        QCOMPARE(bots[0], bots[1]);
        auto db = tmp.open();
        QVERIFY(db);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM schema_version")) && q.next());
        // One row per migration file (the baseline records version 5 once), each applied once.
        const int files = int(QDir(SqlDialect(SqlDialect::Kind::PostgreSQL).migrationsFolder())
                                  .entryList({QStringLiteral("*.sql")}, QDir::Files)
                                  .size());
        QCOMPARE(q.value(0).toInt(), files);
        QCOMPARE(q.value(1).toInt(), Migrator(db->connection()).latestVersion());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM bots")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void search_usesTheIndexes_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("index");
        QTest::addColumn<bool>("scansPricedOut");
        QTest::newRow("name") << "maria"
                              << "conversations_name_trigrams" << false;
        QTest::newRow("name-substring") << "ouza"
                                        << "conversations_name_trigrams" << false;
        // At 20,000 conversations reading every short number is still cheaper than the trigram
        // index, so the planner rightly scans; from about 100,000 on it picks the index by itself
        // (filling that many takes minutes here). The check is then that the index answers it.
        QTest::newRow("phone") << "+55 11 9999"
                               << "conversations_handle_trigrams" << true;
        QTest::newRow("message-word") << "gluten"
                                      << "messages_search" << false;
        QTest::newRow("message-prefix") << "glut"
                                        << "messages_search" << false;
    }
    // On an inbox of realistic size (messages drawn from a vocabulary, as real ones are: the
    // planner's statistics then know a word is rare), after ANALYZE, the list's search reads the
    // trigram and text-search indexes, never every conversation or every message.
    void search_usesTheIndexes()
    {
        QFETCH(QString, typed);
        QFETCH(QString, index);
        const auto& db = m_searchDatabase;
        if (!m_searchDatabase) {
            m_searchStore = std::make_unique<test::TestDatabase>();
            m_searchDatabase = m_searchStore->open();
            QVERIFY(m_searchDatabase);
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'Bot', 1)")));
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, status, "
                         "last_activity_ms, created_at_ms) SELECT 'conv_' || n, 'bot_1', 'whatsapp', "
                         "(5500000000000 + n * 7919)::text, (ARRAY['Ana','Bruno','Carla','Diego','Elena'])[1 "
                         "+ n % 5] "
                         "|| ' ' || md5(n::text), CASE WHEN n % 10 = 0 THEN 'handoff' ELSE 'bot' END, n, n "
                         "FROM generate_series(1, 20000) AS n")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(
                q.exec(QStringLiteral(
                    "INSERT INTO messages (conversation_id, role, content, at_ms, seq) SELECT 'conv_' || "
                    "(1 + n % 20000), 'user', 'order w' || (n % 1000) || ' item w' || (n * 7 % 1000) || "
                    "' please', n, n FROM generate_series(1, 60000) AS n")),
                qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("ANALYZE")));
        }
        QFETCH(bool, scansPricedOut);
        const ConversationListQuery list(db->connection());
        const auto statement = list.pageStatement({InboxView::All, typed, {}}, 50);
        QSqlQuery settings(db->connection());
        QVERIFY(settings.exec(scansPricedOut ? QStringLiteral("SET enable_seqscan = off")
                                             : QStringLiteral("RESET enable_seqscan")));
        const QString text = plan(db->connection(), statement.text, statement.binds);
        QVERIFY(settings.exec(QStringLiteral("RESET enable_seqscan")));
        QVERIFY2(text.contains(index), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("Seq Scan on conversations")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("Seq Scan on messages")), qPrintable(text));
    }
    void cleanupTestCase()
    {
        m_searchDatabase.reset();
        m_searchStore.reset();
    }
};

QTEST_GUILESS_MAIN(tst_PostgresDatabase)
#include "tst_postgresdatabase.moc"
