// SPDX-License-Identifier: Apache-2.0
#include "conversationstore.h"
#include "storemaintenance.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace zapito;

// The store's upkeep is kept out of the event loop's commits: FTS5 merges in small steps between
// events, WAL checkpoints and the leader's chores on a thread of their own.
class tst_StoreMaintenance : public QObject
{
    Q_OBJECT

    static qint64 scalar(const QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static const QStringList& ftsTables()
    {
        static const QStringList tables{QStringLiteral("messages_fts"), QStringLiteral("contact_trigram_fts"),
                                        QStringLiteral("contact_words_fts")};
        return tables;
    }

    // Waits for a pass that reports `minSteps` merge steps or more; the first passes may come
    // before the writes they are meant to see.
    static bool waitForPass(QSignalSpy& spy, int minSteps, bool needCheckpointed)
    {
        for (int round = 0; round < 40; ++round) {
            while (!spy.isEmpty()) {
                const QList<QVariant> pass = spy.takeFirst();
                if (pass.at(0).toInt() >= minSteps && (!needCheckpointed || pass.at(1).toBool()))
                    return true;
            }
            if (!spy.wait(500))
                return false;
        }
        return false;
    }

private slots:
    void ownerConnection_checkpointsOnlyWithoutIt()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        QCOMPARE(scalar(db->connection(), QStringLiteral("PRAGMA wal_autocheckpoint")), 1000);
        {
            StoreMaintenance maintenance(*db);
            QCOMPARE(scalar(db->connection(), QStringLiteral("PRAGMA wal_autocheckpoint")), 0);
        }
        QCOMPARE(scalar(db->connection(), QStringLiteral("PRAGMA wal_autocheckpoint")), 1000);
    }

    void ftsIndexes_neverMergeInsideACommit_data()
    {
        QTest::addColumn<QString>("table");
        for (const QString& table : ftsTables())
            QTest::newRow(qPrintable(table)) << table;
    }
    void ftsIndexes_neverMergeInsideACommit()
    {
        QFETCH(QString, table);
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        StoreMaintenance maintenance(*db);
        QSignalSpy passes(&maintenance, &StoreMaintenance::passFinished);
        QVERIFY(passes.wait(5000));
        QCOMPARE(scalar(db->connection(),
                        QStringLiteral("SELECT v FROM %1_config WHERE k = 'automerge'").arg(table)),
                 0);
    }

    void commits_areMergedAndCheckpointedOnItsThread()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        ConversationStore store(*db);
        FtsMerger::Tuning tuning;
        tuning.poll = std::chrono::milliseconds(20);
        StoreMaintenance maintenance(*db, tuning);
        QSignalSpy passes(&maintenance, &StoreMaintenance::passFinished);
        QVERIFY(passes.wait(5000));

        // Each append is its own commit, so each adds a segment to the message index: four on one
        // level are what a merge step needs to have work.
        const Bot bot = store.ensureBot(QStringLiteral("Bot")).value();
        const int written = 40;
        for (int i = 0; i < written; ++i) {
            auto c = store.upsertConversation(bot.id, QStringLiteral("whatsapp"), QString::number(i),
                                              QStringLiteral("Ana %1").arg(i), 1000 + i);
            QVERIFY(c);
            QVERIFY(store.appendMessage(c->id, MessageRole::User, QStringLiteral("parcel number %1").arg(i),
                                        1000 + i));
        }
        passes.clear();
        maintenance.requestPass();
        QVERIFY2(waitForPass(passes, 1, false), "no pass merged the new segments");
        maintenance.requestPass();
        QVERIFY2(waitForPass(passes, 0, true), "the WAL was never checkpointed completely");

        for (const QString& table : ftsTables()) {
            QSqlQuery check(db->connection());
            QVERIFY2(check.exec(QStringLiteral("INSERT INTO %1 (%1) VALUES ('integrity-check')").arg(table)),
                     qPrintable(table));
        }
        QCOMPARE(
            scalar(db->connection(),
                   QStringLiteral("SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'parcel'")),
            written);
    }

    void quietStore_runsNoPass()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        FtsMerger::Tuning tuning;
        tuning.poll = std::chrono::milliseconds(20);
        StoreMaintenance maintenance(*db, tuning);
        QSignalSpy passes(&maintenance, &StoreMaintenance::passFinished);
        QVERIFY(passes.wait(5000)); // the pass at start takes up what an earlier run left
        QVERIFY(!passes.wait(300));
    }

    void chore_runsOnTheMaintenanceThreadWithItsConnection()
    {
        test::TestDatabase tmp;
        auto db = tmp.open();
        QVERIFY(db);
        StoreMaintenance maintenance(*db);
        std::atomic<QThread*> ranOn{nullptr};
        std::atomic<qint64> read{-1};
        maintenance.setChore(std::chrono::milliseconds(10), [&](const QSqlDatabase& connection) {
            read = scalar(connection, QStringLiteral("SELECT COUNT(*) FROM conversations"));
            ranOn = QThread::currentThread();
        });
        QTRY_VERIFY_WITH_TIMEOUT(ranOn.load() != nullptr, 5000);
        QVERIFY(ranOn.load() != QThread::currentThread());
        QCOMPARE(read.load(), 0);
        maintenance.setChore(std::chrono::milliseconds(10), {});
    }
};

QTEST_GUILESS_MAIN(tst_StoreMaintenance)
#include "tst_storemaintenance.moc"
