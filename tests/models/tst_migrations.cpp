#include "database.h"
#include "migrator.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace zapito;

class tst_Migrations : public QObject
{
    Q_OBJECT

private slots:
    void fromEmpty_reachesLatest()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        Migrator migrator(db->connection());
        QVERIFY(migrator.latestVersion() >= 1);
        QCOMPARE(migrator.currentVersion().value(), migrator.latestVersion());
        const QStringList tables = db->connection().tables();
        for (const char* table : {"bots", "conversations", "messages", "handoff_events", "webhook_outbox",
                                  "delivery_attempts", "schema_version"})
            QVERIFY2(tables.contains(QLatin1String(table)), table);
    }

    void fromEveryEarlierVersion_keepsData_data()
    {
        QTest::addColumn<int>("from");
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        const int latest = Migrator(db->connection()).latestVersion();
        for (int v = 1; v <= latest; ++v)
            QTest::newRow(qPrintable(QStringLiteral("from-v%1").arg(v))) << v;
    }
    void fromEveryEarlierVersion_keepsData()
    {
        QFETCH(int, from);
        test::TestDatabase tmp;
        {
            Database::Options options;
            options.migrateTo = from;
            auto db = tmp.open(options);
            QVERIFY(db);
            QCOMPARE(Migrator(db->connection()).currentVersion().value(), from);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'Luna Café', 1)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, "
                "last_activity_ms, "
                "created_at_ms) VALUES ('conv_1', 'bot_1', 'whatsapp', '5511999990000', 'Maria', 5, 5)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) "
                                          "VALUES ('conv_1', 'user', 'Olá', 5)")));
        }
        auto db = tmp.open();
        QVERIFY(db);
        Migrator migrator(db->connection());
        QCOMPARE(migrator.currentVersion().value(), migrator.latestVersion());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT c.contact_name, m.content FROM conversations c "
                                      "JOIN messages m ON m.conversation_id = c.id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Maria"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("Olá"));
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("count");
        QTest::newRow("two-tables") << QStringLiteral("CREATE TABLE a (x);\n-- note\nCREATE TABLE b (y);\n")
                                    << 2;
        QTest::newRow("multi-line") << QStringLiteral("CREATE TABLE a (\n  x INTEGER,\n  y TEXT\n);\n") << 1;
        QTest::newRow("trigger-body")
            << QStringLiteral(
                   "CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                   "  INSERT INTO a VALUES (1);\n  DELETE FROM a;\nEND;\nCREATE INDEX i ON a (x);\n")
            << 3;
    }
    void splitStatements()
    {
        QFETCH(QString, sql);
        QFETCH(int, count);
        QCOMPARE(Migrator::splitStatements(sql).size(), count);
    }
};

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
