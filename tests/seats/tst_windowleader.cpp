// SPDX-License-Identifier: Apache-2.0
#include "botconfig.h"
#include "inboxservices.h"
#include "leaderlock.h"
#include "leaderthread.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace zapito;

// A window that leads. On PostgreSQL, where each statement is a round trip to the server, the
// pipeline (inbound store, decisions, channel outbox, webhook) runs on a thread of its own with a
// connection of its own, and the window stays a seat on its event loop; on SQLite, a local file,
// the window leads on its event loop. Either way the window behaves as the leader: the preview
// chat is answered, a handoff is announced, a resolve made in the window un-silences the bot.
class tst_WindowLeader : public QObject
{
    Q_OBJECT

    static constexpr int kWaitMs = 10'000;
    test::TestDatabase m_tmp;

    static bool onPostgreSQL() { return test::TestDatabase::isPostgreSQL(); }

    static std::unique_ptr<InboxServices> leadingWindow(const QString& path)
    {
        DatabaseOpenError error;
        auto services = InboxServices::create(path, &error);
        if (!services) {
            qWarning("%s", qPrintable(error.message));
            return nullptr;
        }
        QSignalSpy started(services.get(), &InboxServices::leadingStarted);
        if (!started.wait(kWaitMs))
            return nullptr;
        return services;
    }

    // Records the thread the leader's engine stores customer messages on, wherever it lives.
    static void recordPipelineThread(InboxServices& services, std::atomic<const QThread*>& storedOn)
    {
        auto watch = [&storedOn](InboxServices& leader) {
            connect(
                &leader.engine(), &ConversationEngine::customerMessageStored, &leader.engine(),
                [&storedOn] { storedOn = QThread::currentThread(); }, Qt::DirectConnection);
        };
        if (LeaderThread* leader = services.leaderThread()) {
            std::atomic<bool> watching = false;
            leader->post([&watching, watch](InboxServices& leading) {
                watch(leading);
                watching = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(watching, kWaitMs);
        } else {
            watch(services);
        }
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void handoff_decidedWhereTheDialectWants_andTheWindowHearsOfIt()
    {
        std::atomic<const QThread*> storedOn = nullptr; // outlives the services that set it
        auto services = leadingWindow(m_tmp.path());
        QVERIFY(services);
        QVERIFY(services->isLeader());
        QCOMPARE(services->leaderThread() != nullptr, onPostgreSQL());
        if (LeaderThread* leader = services->leaderThread())
            QVERIFY(leader->workerThread() != QThread::currentThread());
        recordPipelineThread(*services, storedOn);

        PreviewChannel& preview = services->connectors().preview();
        QSignalSpy delivered(&preview, &PreviewChannel::delivered);
        QSignalSpy handoffs(&services->engine(), &ConversationEngine::handoffRecorded);
        QSignalSpy changed(&services->store(), &ConversationStore::conversationChanged);
        preview.customerSays(QStringLiteral("I need a human"));

        QVERIFY(delivered.wait(kWaitMs));
        QCOMPARE(delivered.constFirst().at(0).toString(), preview.externalId());
        QCOMPARE(delivered.constFirst().at(1).toString(), defaultHandoffMessage());
        QTRY_COMPARE_WITH_TIMEOUT(handoffs.size(), 1, kWaitMs);
        QVERIFY(storedOn.load());
        QCOMPARE(storedOn.load() != QThread::currentThread(), onPostgreSQL());

        // The window's own store announces the conversation (from the change feed on PostgreSQL)
        // and reads it as the leader left it: waiting for a human.
        const QString conversationId = handoffs.constFirst().at(1).toString();
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(changed.cbegin(), changed.cend(),
                        [&](const QList<QVariant>& c) { return c.at(0) == conversationId; }),
            kWaitMs);
        const auto conversation = services->store().conversation(conversationId);
        QVERIFY2(conversation, qPrintable(conversation.error()));
        QCOMPARE(conversation->status, ConversationStatus::Handoff);

        // Settings → Channels reads the window's hub: it shows the leader's preview as connected.
        QCOMPARE(preview.status().state, ConnectorStatus::State::Connected);
    }

    void resolveInTheWindow_theLeadersBotAnswersTheNextMessage()
    {
        auto services = leadingWindow(m_tmp.path());
        QVERIFY(services);
        PreviewChannel& preview = services->connectors().preview();
        QSignalSpy delivered(&preview, &PreviewChannel::delivered);
        QSignalSpy handoffs(&services->engine(), &ConversationEngine::handoffRecorded);
        preview.customerSays(QStringLiteral("I need a human"));
        QTRY_COMPARE_WITH_TIMEOUT(handoffs.size(), 1, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, kWaitMs);
        const QString conversationId = handoffs.constFirst().at(1).toString();

        // Silenced: a second message gets no answer while a human has the conversation (the
        // customer's message is stored, which the window hears of, and nothing is delivered).
        QSignalSpy added(&services->store(), &ConversationStore::messageAdded);
        preview.customerSays(QStringLiteral("hello?"));
        QTRY_VERIFY_WITH_TIMEOUT(!added.isEmpty(), kWaitMs);
        QVERIFY(!delivered.wait(1000));

        std::optional<Status> resolved;
        services->engine().resolve(conversationId, QStringLiteral("Ana"), this,
                                   [&resolved](const Status& status) { resolved = status; });
        QTRY_VERIFY_WITH_TIMEOUT(resolved.has_value(), kWaitMs);
        QVERIFY2(resolved->isOk(), qPrintable(resolved->error()));

        // The leader reads the resolve from the store: the bot answers again, and hands off again.
        preview.customerSays(QStringLiteral("I need a human"));
        QTRY_COMPARE_WITH_TIMEOUT(handoffs.size(), 2, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, kWaitMs);
        QCOMPARE(delivered.at(1).at(1).toString(), defaultHandoffMessage());
    }

    void closingTheWindow_stopsTheLeaderThenLetsGoOfTheLock()
    {
        auto services = leadingWindow(m_tmp.path());
        QVERIFY(services);
        auto probe = m_tmp.open();
        QVERIFY(probe);
        QVERIFY(LeaderLock::isHeldByAnyone(*probe));
        std::atomic<bool> leaderGone = false;
        if (LeaderThread* leader = services->leaderThread())
            connect(leader->workerThread(), &QThread::finished, [&leaderGone] { leaderGone = true; });
        services.reset();
        QCOMPARE(leaderGone.load(), onPostgreSQL());
        QVERIFY(!LeaderLock::isHeldByAnyone(*probe));

        // Nothing of the old leader holds on: a standby opened now leads.
        DatabaseOpenError error;
        auto standby = InboxServices::create(m_tmp.path(), &error, nullptr, Leadership::Mode::Standby);
        QVERIFY2(standby, qPrintable(error.message));
        QTRY_VERIFY_WITH_TIMEOUT(standby->isLeader(), kWaitMs);
    }

    void windowBesideALeader_isASeatWithoutALeaderThread()
    {
        DatabaseOpenError error;
        auto standby = InboxServices::create(m_tmp.path(), &error, nullptr, Leadership::Mode::Standby);
        QVERIFY2(standby, qPrintable(error.message));
        QTRY_VERIFY_WITH_TIMEOUT(standby->isLeader(), kWaitMs);

        auto window = InboxServices::create(m_tmp.path(), &error);
        QVERIFY2(window, qPrintable(error.message));
        QTRY_COMPARE_WITH_TIMEOUT(window->leadership().role(), Leadership::Role::Seat, kWaitMs);
        QVERIFY(!window->isLeader());
        QVERIFY(!window->leaderThread());
    }
};

QTEST_GUILESS_MAIN(tst_WindowLeader)
#include "tst_windowleader.moc"
