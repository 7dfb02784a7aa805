// SPDX-License-Identifier: Apache-2.0
// The store's writer thread: operators' writes run there, on a connection of their own, may wait
// for another connection's lock while the asking thread's event loop goes on, are announced on
// the owner store's signals before their result arrives, run in the order asked, and are never
// dropped, not even by a writer destroyed with writes still queued.
#include "conversationstore.h"
#include "pipelinestore.h"
#include "storewriter.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace zapito;

namespace {

CustomerMessage fromCustomer(const QString& externalId, const QString& text)
{
    CustomerMessage m;
    m.channel = QStringLiteral("whatsapp");
    m.externalId = externalId;
    m.contactName = QStringLiteral("Maria");
    m.text = text;
    m.at = QDateTime::fromSecsSinceEpoch(1'780'000'000, Qt::UTC);
    return m;
}

} // namespace

class tst_StoreWriter : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    Bot m_bot;
    QString m_conversationId;

    // Another program's connection holding the write lock on the conversation.
    QSqlDatabase m_locker;
    void lock()
    {
        m_locker = m_db->openExtraConnection(QStringLiteral("locker"), 1000);
        QVERIFY(m_locker.isOpen());
        QSqlQuery q(m_locker);
        if (test::TestDatabase::isPostgreSQL()) {
            QVERIFY(q.exec(QStringLiteral("BEGIN")));
            QVERIFY(q.prepare(QStringLiteral("SELECT id FROM conversations WHERE id = ? FOR UPDATE")));
            q.addBindValue(m_conversationId);
            QVERIFY(q.exec());
        } else {
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            QVERIFY(q.exec(QStringLiteral("UPDATE bots SET name = name")));
        }
    }
    void unlock()
    {
        QVERIFY(QSqlQuery(m_locker).exec(QStringLiteral("ROLLBACK")));
        m_locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    }

    bool isRead()
    {
        auto conversation = m_store->conversation(m_conversationId);
        return conversation && conversation->unreadCount == 0;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        auto bot = m_store->ensureBot(QStringLiteral("Bot"));
        QVERIFY(bot);
        m_bot = *bot;
        PipelineStore pipeline(*m_store);
        auto stored = pipeline.storeInbound(m_bot.id, fromCustomer(QStringLiteral("1"), QStringLiteral("hi")),
                                            1'780'000'000'000);
        QVERIFY2(stored, qPrintable(stored.error()));
        m_conversationId = stored->conversation.id;
        QVERIFY(!isRead());
    }
    void cleanup()
    {
        if (m_locker.isValid())
            unlock();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void write_runsOnItsOwnThread_resultOnTheAskers()
    {
        QThread* jobThread = nullptr;
        QThread* doneThread = nullptr;
        bool done = false;
        m_store->writer().write<Status>(
            this,
            [&, id = m_conversationId](StoreWriter::Context& c) {
                jobThread = QThread::currentThread();
                return c.store.markRead(id);
            },
            [&](const Status& status) {
                QVERIFY2(status, qPrintable(status.error()));
                doneThread = QThread::currentThread();
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(jobThread && jobThread != QThread::currentThread());
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(isRead());
    }

    void write_isAnnouncedOnTheOwnerBeforeItsResult()
    {
        QStringList heard;
        connect(m_store.get(), &ConversationStore::conversationChanged, this, [&](const QString& id) {
            QCOMPARE(QThread::currentThread(), thread());
            heard << QStringLiteral("changed ") + id;
        });
        m_store->writer().write<Status>(
            this,
            [id = m_conversationId](StoreWriter::Context& c) {
                return c.store.assign(id, QStringLiteral("Ana"));
            },
            [&](const Status& status) {
                QVERIFY(status);
                heard << QStringLiteral("done");
            });
        QTRY_VERIFY_WITH_TIMEOUT(heard.contains(QStringLiteral("done")), 5000);
        QCOMPARE(heard, QStringList({QStringLiteral("changed ") + m_conversationId, QStringLiteral("done")}));
        QCOMPARE(m_store->conversation(m_conversationId)->assignee, QStringLiteral("Ana"));
    }

    void writes_runInTheOrderAsked()
    {
        QList<int> order;
        for (int i = 0; i < 20; ++i)
            m_store->writer().write<Status>(
                this,
                [i, id = m_conversationId](StoreWriter::Context& c) {
                    return c.store.assign(id, QStringLiteral("operator %1").arg(i));
                },
                [&order, i](const Status& status) {
                    QVERIFY(status);
                    order << i;
                });
        QSignalSpy idle(&m_store->writer(), &StoreWriter::idle);
        QVERIFY(idle.wait(5000));
        QList<int> expected;
        for (int i = 0; i < 20; ++i)
            expected << i;
        QCOMPARE(order, expected);
        QCOMPARE(m_store->conversation(m_conversationId)->assignee, QStringLiteral("operator 19"));
    }

    void lockedStore_writeWaitsWhileTheEventLoopRuns()
    {
        lock();
        QTimer heartbeat;
        int beats = 0;
        connect(&heartbeat, &QTimer::timeout, this, [&] { ++beats; });
        heartbeat.start(10);

        bool done = false;
        Status result = Status::failure(QStringLiteral("not answered"));
        m_store->writer().write<Status>(
            this,
            [id = m_conversationId](StoreWriter::Context& c) {
                return c.store.assign(id, QStringLiteral("Bea"));
            },
            [&](const Status& status) {
                result = status;
                done = true;
            });
        // The write waits for the lock; the event loop does not.
        QTRY_VERIFY_WITH_TIMEOUT(beats >= 10, 5000);
        QVERIFY(!done);
        QCOMPARE(m_store->writer().pendingWrites(), 1);

        unlock();
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY2(result, qPrintable(result.error()));
        QCOMPARE(m_store->conversation(m_conversationId)->assignee, QStringLiteral("Bea"));
    }

    void lockedLongerThanTheTimeout_writeFailsAndChangesNothing()
    {
        m_store->writer().setBusyTimeoutMs(100);
        lock();
        bool done = false;
        Status result = Status::ok();
        m_store->writer().write<Status>(
            this,
            [id = m_conversationId](StoreWriter::Context& c) {
                return c.store.assign(id, QStringLiteral("Bea"));
            },
            [&](const Status& status) {
                result = status;
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(!result);
        QVERIFY(!result.error().isEmpty());
        unlock();
        QCOMPARE(m_store->conversation(m_conversationId)->assignee, QString());
    }

    void receiverGone_resultNotDelivered_writeStillCommitted()
    {
        auto receiver = std::make_unique<QObject>();
        bool delivered = false;
        QSignalSpy idle(&m_store->writer(), &StoreWriter::idle);
        m_store->writer().write<Status>(
            receiver.get(), [id = m_conversationId](StoreWriter::Context& c) { return c.store.markRead(id); },
            [&](const Status&) { delivered = true; });
        receiver.reset();
        QVERIFY(idle.wait(5000));
        QVERIFY(!delivered);
        QVERIFY(isRead());
    }

    void destroyedWithWritesQueued_everyOneCommits()
    {
        for (int i = 0; i < 30; ++i)
            m_store->writer().write<Status>(nullptr,
                                            [i, id = m_conversationId](StoreWriter::Context& c) {
                                                return c.store.assign(id,
                                                                      QStringLiteral("operator %1").arg(i));
                                            },
                                            {});
        m_store->writer().write<Status>(
            nullptr, [id = m_conversationId](StoreWriter::Context& c) { return c.store.markRead(id); }, {});
        m_store.reset(); // the writer goes with it, at once
        m_store = std::make_unique<ConversationStore>(*m_db);
        QCOMPARE(m_store->conversation(m_conversationId)->assignee, QStringLiteral("operator 29"));
        QVERIFY(isRead());
    }
};

QTEST_GUILESS_MAIN(tst_StoreWriter)
#include "tst_storewriter.moc"
