// SPDX-License-Identifier: Apache-2.0
#include "changewatcher.h"
#include "conversationstore.h"
#include "database.h"
#include "deliverystore.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace zapito;

namespace {
// The bound for a change to show in another process, used only as a wait limit.
constexpr int kLiveBoundMs = 1'000;
// A change that was not notified waits for the next poll (every second at most) and its read.
constexpr int kPollBoundMs = 5'000;
} // namespace

// The change log as another process's writes arrive: a second connection to the same store
// writes, the watcher of the first announces it as the first store's own signals; what the
// first store wrote and announced itself is not announced again; the log is trimmed to an hour.
// On PostgreSQL (tst_changewatcher_postgresql) the log is read on NOTIFY, and a row that commits
// after a row with a higher id still arrives.
class tst_ChangeWatcher : public QObject
{
    Q_OBJECT

    test::TestDatabase m_tmp;
    std::unique_ptr<Database> m_here;
    std::unique_ptr<Database> m_elsewhere;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<ChangeWatcher> m_watcher;
    Bot m_bot;

    qint64 lastChangeId()
    {
        QSqlQuery q(m_here->connection());
        return q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_log")) && q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }

private slots:
    void init()
    {
        m_here = m_tmp.open();
        QVERIFY(m_here);
        DatabaseOpenError error;
        m_elsewhere = Database::open(m_tmp.path(), &error);
        QVERIFY2(m_elsewhere, qPrintable(error.message));
        m_store = std::make_unique<ConversationStore>(*m_here);
        m_deliveries = std::make_unique<DeliveryStore>(*m_here);
        auto bot = m_store->ensureBot(QStringLiteral("Bot"));
        QVERIFY(bot);
        m_bot = *bot;
        m_watcher = std::make_unique<ChangeWatcher>(*m_here, *m_store, *m_deliveries);
        QSignalSpy watching(m_watcher.get(), &ChangeWatcher::watching);
        QVERIFY(watching.wait(10'000));
    }
    void cleanup()
    {
        m_watcher.reset();
        m_deliveries.reset();
        m_store.reset();
        m_elsewhere.reset();
        m_here.reset();
    }

    void elsewhere_arrivesAsTheStoresOwnSignals()
    {
        QSignalSpy added(m_store.get(), &ConversationStore::messageAdded);
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        QSignalSpy handoff(m_store.get(), &ConversationStore::handoffChanged);
        QSignalSpy addedElsewhere(m_watcher.get(), &ChangeWatcher::messageAddedElsewhere);

        ConversationStore other(*m_elsewhere);
        const auto conversation = other.upsertConversation(
            m_bot.id, QStringLiteral("telegram"), QStringLiteral("42"), QStringLiteral("Maria"), 1000);
        QVERIFY(conversation);
        const auto message =
            other.appendMessage(conversation->id, MessageRole::User, QStringLiteral("Olá"), 1001);
        QVERIFY(message);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, kLiveBoundMs);
        QCOMPARE(added.at(0).at(0).toString(), conversation->id);
        QCOMPARE(added.at(0).at(1).toLongLong(), message->message.id);
        QCOMPARE(addedElsewhere.size(), 1);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.constLast().at(0).toString(), conversation->id);

        // A resolve elsewhere: the handoff card and the row follow.
        const auto record = other.recordHandoff(conversation->id, QStringLiteral("Connecting you."),
                                                HandoffReason::Handoff, 1002,
                                                [](const Bot&, const Conversation&, const QList<Message>&,
                                                   HandoffReason, qint64) { return QByteArray("{}"); });
        QVERIFY(record);
        QTRY_VERIFY_WITH_TIMEOUT(!handoff.isEmpty(), kLiveBoundMs);
        handoff.clear();
        QVERIFY(other.resolve(conversation->id, QStringLiteral("Ana"), 1003));
        QTRY_VERIFY_WITH_TIMEOUT(!handoff.isEmpty(), kLiveBoundMs);
        QCOMPARE(handoff.constLast().at(1).toLongLong(), record->event.id);
    }

    void here_isNotAnnouncedTwice()
    {
        const auto conversation = m_store->upsertConversation(
            m_bot.id, QStringLiteral("telegram"), QStringLiteral("43"), QStringLiteral("Olga"), 1000);
        QVERIFY(conversation);
        QSignalSpy added(m_store.get(), &ConversationStore::messageAdded);
        QSignalSpy caughtUp(m_watcher.get(), &ChangeWatcher::caughtUp);
        QVERIFY(m_store->appendMessage(conversation->id, MessageRole::User, QStringLiteral("Hi"), 1001));
        QCOMPARE(added.size(), 1); // the store's own announcement
        const qint64 last = lastChangeId();
        QTRY_VERIFY_WITH_TIMEOUT(!caughtUp.isEmpty() && caughtUp.constLast().at(0).toLongLong() >= last,
                                 kLiveBoundMs);
        QCOMPARE(added.size(), 1);
    }

    // PostgreSQL commits concurrent writers in any order: a change whose transaction took an id
    // first and committed last still arrives, and once.
    void outOfIdOrderCommit_stillArrives()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: SQLite has one writer at a time, so its log commits in id order");
        DatabaseOpenError error;
        auto third = Database::open(m_tmp.path(), &error);
        QVERIFY2(third, qPrintable(error.message));
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        const QString insert = QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                              "VALUES ('conversation', '%1', 0, 1)");

        QSqlDatabase slow = m_elsewhere->connection();
        QVERIFY(slow.transaction());
        QSqlQuery early(slow);
        QVERIFY(early.exec(insert.arg(QStringLiteral("slow"))));
        QVERIFY(early.exec(QStringLiteral("NOTIFY zapito_changes")));
        QSqlQuery late(third->connection());
        QVERIFY(late.exec(insert.arg(QStringLiteral("fast"))));
        QVERIFY(late.exec(QStringLiteral("NOTIFY zapito_changes")));
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kLiveBoundMs);
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("fast"));

        QVERIFY(slow.commit());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kLiveBoundMs);
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("slow"));
        // Neither is announced again on later reads.
        QSignalSpy caughtUp(m_watcher.get(), &ChangeWatcher::caughtUp);
        QVERIFY(late.exec(insert.arg(QStringLiteral("later"))));
        QVERIFY(late.exec(QStringLiteral("NOTIFY zapito_changes")));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, kLiveBoundMs);
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("later"));
        QVERIFY(!changed.wait(1500));
    }

    // A transaction left open elsewhere on the server (an idle session that wrote) holds back
    // nothing: a backlog larger than one read's pages still arrives, and what follows it too.
    void transactionLeftOpen_holdsNothingBack()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: SQLite has one writer at a time");
        DatabaseOpenError error;
        auto idle = Database::open(m_tmp.path(), &error);
        QVERIFY2(idle, qPrintable(error.message));
        QSqlDatabase open = idle->connection();
        QVERIFY(open.transaction());
        QVERIFY(QSqlQuery(open).exec(QStringLiteral("SELECT pg_current_xact_id()")));

        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        QSqlQuery q(m_elsewhere->connection());
        QVERIFY(
            q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                  "SELECT 'conversation', 'bulk', n, 1 FROM generate_series(1, 25000) n")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                      "VALUES ('conversation', 'after', 0, 1)")));
        QVERIFY(q.exec(QStringLiteral("NOTIFY zapito_changes")));
        const auto saw = [&changed](const QString& id) {
            for (const QList<QVariant>& signal : changed) {
                if (signal.at(0).toString() == id)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(saw(QStringLiteral("after")), kPollBoundMs);
        QVERIFY(saw(QStringLiteral("bulk")));
        changed.clear();
        QVERIFY(q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                      "VALUES ('conversation', 'later', 0, 1)")));
        QVERIFY(q.exec(QStringLiteral("NOTIFY zapito_changes")));
        QTRY_VERIFY_WITH_TIMEOUT(saw(QStringLiteral("later")), kLiveBoundMs);
        QVERIFY(!saw(QStringLiteral("bulk"))); // the backlog is not read again
        QVERIFY(open.rollback());
    }

    // A change nobody notified of (a lost notification; SQLite never notifies) still arrives, by
    // the poll.
    void withoutNotification_arrivesByThePoll()
    {
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        QSqlQuery q(m_elsewhere->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                      "VALUES ('conversation', 'quiet', 0, 1)")));
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kPollBoundMs);
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("quiet"));
    }

    // The feed's connection ends under it (a server restart): it connects again and reads on
    // from where it was, so what was written meanwhile arrives.
    void feedConnectionEnds_reconnectsAndCatchesUp()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: SQLite's poll has no server connection to lose");
        QSqlQuery q(m_elsewhere->connection());
        q.prepare(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE application_name = ? AND datname = current_database()"));
        q.addBindValue(QStringLiteral("zapito-inbox-changes-%1").arg(QCoreApplication::applicationPid()));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                      "VALUES ('conversation', 'meanwhile', 0, 1)")));
        QVERIFY(q.exec(QStringLiteral("NOTIFY zapito_changes")));
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kPollBoundMs);
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("meanwhile"));
    }

    void trim_keepsAnHour()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery q(m_here->connection());
        q.prepare(QStringLiteral("INSERT INTO change_log (kind, conversation_id, row_id, at_ms) "
                                 "VALUES ('conversation', 'old', 0, ?), ('conversation', 'recent', 0, ?)"));
        q.addBindValue(now - ChangeWatcher::kKeepMs - 1000);
        q.addBindValue(now - ChangeWatcher::kKeepMs + 60'000);
        QVERIFY(q.exec());
        QVERIFY(ChangeWatcher::trim(m_here->connection(), now));
        QVERIFY(q.exec(QStringLiteral("SELECT conversation_id FROM change_log")));
        QStringList left;
        while (q.next())
            left << q.value(0).toString();
        QVERIFY(!left.contains(QStringLiteral("old")));
        QVERIFY(left.contains(QStringLiteral("recent")));
    }

    // The leader's trim on a store without StoreMaintenance (PostgreSQL) runs on the watcher's
    // thread, with a connection of its own, not on the event loop.
    void chore_runsOffTheEventLoop()
    {
        struct Seen
        {
            std::atomic<int> runs{0};
            std::atomic<bool> offLoop{true};
        };
        // Shared with the chore: a run may still be under way when this function returns.
        const auto seen = std::make_shared<Seen>();
        QThread* const loop = QThread::currentThread();
        m_watcher->setChore(std::chrono::milliseconds(20), [seen, loop](const QSqlDatabase& db) {
            const bool ok = QThread::currentThread() != loop && db.isOpen() &&
                            ChangeWatcher::trim(db, QDateTime::currentMSecsSinceEpoch());
            if (!ok)
                seen->offLoop = false;
            ++seen->runs;
        });
        QTRY_VERIFY_WITH_TIMEOUT(seen->runs >= 2, 10'000);
        m_watcher->setChore(std::chrono::milliseconds(20), {});
        QVERIFY(seen->offLoop);
    }
};

QTEST_GUILESS_MAIN(tst_ChangeWatcher)
#include "tst_changewatcher.moc"
