// SPDX-License-Identifier: Apache-2.0
#include "database.h"
#include "migrator.h"
#include "testdatabase.h"

#include <QDir>
#include <QRegularExpression>
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
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: a PostgreSQL store starts at the baseline of version 5, with no earlier one");
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        // Every version a migration file brings a store to: numbers may leave gaps.
        const QStringList files =
            QDir(QStringLiteral(":/migrations/sqlite")).entryList(QDir::Files, QDir::Name);
        for (const QString& file : files)
            if (const int v = file.left(4).toInt(); v > 0)
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

    // 0003 rebuilds conversations to allow the operator status; with foreign keys on, dropping the
    // old table would have cascaded into every message and handoff event.
    void pipelineMigration_keepsEveryRow_andNumbersMessagesInOrder()
    {
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: a PostgreSQL store starts at the baseline of version 5, with no earlier one");
        test::TestDatabase tmp;
        {
            Database::Options options;
            options.migrateTo = 2;
            auto db = tmp.open(options);
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'B', 1)")));
            for (const char* conv : {"conv_a", "conv_b"}) {
                QVERIFY(q.exec(QStringLiteral("INSERT INTO conversations (id, bot_id, channel, external_id, "
                                              "last_activity_ms, created_at_ms) VALUES ('%1', 'bot_1', "
                                              "'whatsapp', '%1', 5, 5)")
                                   .arg(QLatin1String(conv))));
            }
            // Interleaved, so ids and per-conversation order differ.
            for (int i = 0; i < 6; ++i) {
                QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) "
                                              "VALUES ('%1', '%2', 'm%3', %3)")
                                   .arg(i % 2 ? QStringLiteral("conv_b") : QStringLiteral("conv_a"),
                                        i == 4 ? QStringLiteral("assistant") : QStringLiteral("user"))
                                   .arg(i)));
            }
            QVERIFY(q.exec(QStringLiteral("INSERT INTO handoff_events (conversation_id, message_id, reason, "
                                          "at_ms, payload) VALUES ('conv_a', 5, 'handoff', 6, x'7b7d')")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO webhook_outbox (handoff_event_id, due_at_ms) VALUES (1, 6)")));
        }
        auto db = tmp.open();
        QVERIFY(db);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT (SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM handoff_events), "
                           "(SELECT COUNT(*) FROM webhook_outbox), (SELECT COUNT(*) FROM conversations)")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 6);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 1);
        QCOMPARE(q.value(3).toInt(), 2);
        QVERIFY(q.exec(
            QStringLiteral("SELECT conversation_id, group_concat(seq, ',') FROM "
                           "(SELECT conversation_id, seq FROM messages ORDER BY id) GROUP BY conversation_id "
                           "ORDER BY conversation_id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("1,2,3"));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("1,2,3"));
        QVERIFY(q.exec(QStringLiteral("SELECT last_seq FROM conversations WHERE id = 'conv_a'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(q.exec(QStringLiteral("SELECT send_state FROM messages WHERE role = 'assistant'")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("sent"));
        QVERIFY(q.exec(QStringLiteral("SELECT delivery_id FROM handoff_events")) && q.next());
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                     .match(q.value(0).toString())
                     .hasMatch(),
                 qPrintable(q.value(0).toString()));
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET status = 'operator' WHERE id = 'conv_b'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // back on after the migration
        // A writer that gives no sequence gets the next one.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) VALUES "
                                      "('conv_a', 'user', 'new', 9)")));
        QVERIFY(q.exec(QStringLiteral("SELECT seq FROM messages WHERE content = 'new'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
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
        // PostgreSQL: a function body in $$ … $$ holds `;`, a trigger has no body of its own.
        QTest::newRow("dollar-quoted-body")
            << QStringLiteral("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                              "  UPDATE a SET x = 1;\n  RETURN NEW;\nEND;\n$$;\nCREATE INDEX i ON a (x);\n")
            << 2;
        QTest::newRow("postgresql-trigger")
            << QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a\n    FOR EACH ROW EXECUTE FUNCTION f();\n"
                              "CREATE INDEX i ON a (x);\n")
            << 2;
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
