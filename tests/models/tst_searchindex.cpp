// SPDX-License-Identifier: Apache-2.0
#include "conversationstore.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace zapito;

// Migration 0002: the FTS5 index over message text is filled from existing rows and kept in step
// with every insert, update and delete by triggers.
class tst_SearchIndex : public QObject
{
    Q_OBJECT

    static int matches(Database& db, const QString& query)
    {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH ?"));
        q.addBindValue(query);
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private slots:
    void migration_backfillsExistingMessages()
    {
        test::TestDatabase tmp;
        {
            Database::Options before;
            before.migrateTo = 1;
            auto db = tmp.open(before);
            QVERIFY(db);
            // The schema as it was at version 1: today's store writes columns it does not have.
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'Bot', 1)")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, "
                               "last_activity_ms, created_at_ms) VALUES ('conv_1', 'bot_1', 'whatsapp', "
                               "'1', 'Ana', 1000, 1000)")));
            QVERIFY(
                q.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) VALUES "
                                      "('conv_1', 'user', 'Where is my parcel?', 1000)")));
        }
        auto db = tmp.open();
        QVERIFY(db);
        QCOMPARE(matches(*db, QStringLiteral("parcel")), 1);
    }

    void triggers_followInsertUpdateAndCascadeDelete()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        ConversationStore store(*db);
        const Bot bot = store.ensureBot(QStringLiteral("Bot")).value();
        auto c = store.upsertConversation(bot.id, QStringLiteral("whatsapp"), QStringLiteral("1"),
                                          QStringLiteral("Ana"), 1000);
        QVERIFY(c);
        auto m = store.appendMessage(c->id, MessageRole::User, QStringLiteral("Café com leite"), 1000);
        QVERIFY(m);
        QCOMPARE(matches(*db, QStringLiteral("cafe")), 1); // accents folded
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("UPDATE messages SET content = 'tea please' WHERE id = ?"));
        q.addBindValue(m->message.id);
        QVERIFY(q.exec());
        QCOMPARE(matches(*db, QStringLiteral("cafe")), 0);
        QCOMPARE(matches(*db, QStringLiteral("tea")), 1);
        q.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"));
        q.addBindValue(c->id);
        QVERIFY(q.exec());
        QCOMPARE(matches(*db, QStringLiteral("tea")), 0);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")));
    }
};

QTEST_GUILESS_MAIN(tst_SearchIndex)
#include "tst_searchindex.moc"
