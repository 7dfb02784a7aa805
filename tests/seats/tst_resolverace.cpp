// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "conversationstore.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace zapito;

namespace {
constexpr int kWaitMs = 60'000; // generous: a loaded 2-core machine starts processes slowly
} // namespace

// Two seats resolve one handoff at the same moment, as real `zapito-inbox resolve` processes
// beside a running `--headless` leader: one resolution is recorded (the conversation and its
// handoff event closed once, by the winner), the winner exits 0, and the other exits 1 saying
// who resolved it. Both processes start blocked on a line of standard input and are let go
// together; on PostgreSQL some rounds also queue both behind a lock on the conversation's row,
// so their UPDATEs meet at the server for certain.
class tst_ResolveRace : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::CliProcess> m_cli;
    test::TestDatabase m_tmp;
    std::unique_ptr<Database> m_db; // this test's own connection: it seeds and checks the store
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<QProcess> m_leader;
    int m_round = 0;

    QString db() const { return m_tmp.path(); }

    QString roleOf(qint64 pid) const
    {
        const auto result = m_cli->run({QStringLiteral("status"), QStringLiteral("--database"), db()});
        for (const QByteArray& line : result.out.split('\n')) {
            const QStringList row = QString::fromUtf8(line).split(u'\t');
            if (row.size() >= 3 && row[2].toLongLong() == pid)
                return row[0];
        }
        return {};
    }

    // A customer who asked for a person: a conversation with an open handoff, as the leader's
    // pipeline would have stored it.
    QString handedOff()
    {
        const auto bot = m_store->ensureBot(QStringLiteral("Luna Café"));
        if (!bot)
            return {};
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        const auto c =
            m_store->upsertConversation(bot->id, QStringLiteral("telegram"),
                                        QStringLiteral("race-%1").arg(++m_round), QStringLiteral("Olga"), at);
        if (!c || !m_store->appendMessage(c->id, MessageRole::User, QStringLiteral("A person please"), at))
            return {};
        const auto record = m_store->recordHandoff(
            c->id, QStringLiteral("Connecting you with a team member right away."), HandoffReason::Handoff,
            at, [](const Bot&, const Conversation&, const QList<Message>&, HandoffReason, qint64) {
                return QJsonDocument(QJsonObject{{QStringLiteral("test"), true}}).toJson();
            });
        return record ? c->id : QString();
    }

    // `zapito-inbox resolve` behind a gate: a shell that waits for one line, then becomes it.
    std::unique_ptr<QProcess> gatedResolve(const QString& conversationId, const QString& by) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(m_cli->environment());
        process->start(QStringLiteral("/bin/sh"),
                       {QStringLiteral("-c"), QStringLiteral("read go && exec \"$0\" \"$@\""),
                        QStringLiteral(ZAPITO_INBOX_BINARY), QStringLiteral("resolve"), conversationId,
                        QStringLiteral("--database"), db(), QStringLiteral("--by"), by});
        return process;
    }

    int backendsWaitingForALock(QSqlQuery& q)
    {
        return q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                                     "current_database() AND wait_event_type = 'Lock'")) &&
                       q.next()
                   ? q.value(0).toInt()
                   : -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_cli = std::make_unique<test::CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_db = m_tmp.open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        // The leader: nothing enabled, so it can lead; it runs beside the seats throughout.
        m_leader = m_cli->start({QStringLiteral("--headless"), QStringLiteral("--database"), db()});
        m_leader->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY(m_leader->waitForStarted(30'000));
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(m_leader->processId()), QStringLiteral("leader"), kWaitMs);
    }

    void cleanupTestCase()
    {
        if (!m_leader)
            return;
        m_leader->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(m_leader->state() == QProcess::NotRunning, 30'000);
        QCOMPARE(m_leader->exitCode(), 0);
    }

    void twoSeatsResolveAtOnce_oneResolution_theOtherToldWho_data()
    {
        QTest::addColumn<bool>("behindARowLock");
        for (int round = 1; round <= 3; ++round)
            QTest::addRow("let go together, round %d", round) << false;
        for (int round = 1; round <= 2; ++round)
            QTest::addRow("queued behind a row lock, round %d", round) << true;
    }

    void twoSeatsResolveAtOnce_oneResolution_theOtherToldWho()
    {
        QFETCH(bool, behindARowLock);
        if (behindARowLock && !test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: SQLite has one writer at a time, so nothing queues at a row");
        const QString conversationId = handedOff();
        QVERIFY(!conversationId.isEmpty());

        std::unique_ptr<Database> holder;
        if (behindARowLock) {
            holder = m_tmp.open();
            QVERIFY(holder);
            QVERIFY(holder->connection().transaction());
            QSqlQuery hold(holder->connection());
            hold.prepare(QStringLiteral("SELECT id FROM conversations WHERE id = ? FOR UPDATE"));
            hold.addBindValue(conversationId);
            QVERIFY(hold.exec() && hold.next());
        }

        const QStringList names{QStringLiteral("Ana"), QStringLiteral("Bo")};
        std::unique_ptr<QProcess> seats[2] = {gatedResolve(conversationId, names[0]),
                                              gatedResolve(conversationId, names[1])};
        for (auto& seat : seats)
            QVERIFY(seat->waitForStarted(30'000));
        for (auto& seat : seats) // let go: both read their line at once
            seat->write("go\n");

        if (behindARowLock) {
            QSqlQuery probe(m_db->connection());
            QTRY_COMPARE_WITH_TIMEOUT(backendsWaitingForALock(probe), 2, kWaitMs);
            QVERIFY(holder->connection().rollback());
        }
        for (auto& seat : seats)
            QTRY_VERIFY_WITH_TIMEOUT(seat->state() == QProcess::NotRunning, kWaitMs);

        int winner = -1;
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(seats[i]->exitStatus(), QProcess::NormalExit);
            if (seats[i]->exitCode() == 0) {
                QVERIFY2(winner == -1, "both seats say they resolved it");
                winner = i;
            }
        }
        QVERIFY2(winner >= 0, "neither seat resolved it");
        const int loser = 1 - winner;
        const QString won = QString::fromUtf8(seats[winner]->readAllStandardOutput());
        QVERIFY2(won.startsWith(QStringLiteral("Resolved %1 (handoff ").arg(conversationId)),
                 qPrintable(won));
        QCOMPARE(seats[loser]->exitCode(), 1);
        QCOMPARE(QString::fromUtf8(seats[loser]->readAllStandardError()).trimmed(),
                 QStringLiteral("Already resolved by \u2068%1\u2069").arg(names[winner]));
        QVERIFY(seats[loser]->readAllStandardOutput().isEmpty());

        // One resolution in the store: the winner's, on the conversation and on its one event.
        const Conversation after = m_store->conversation(conversationId).value();
        QCOMPARE(after.status, ConversationStatus::Bot);
        QCOMPARE(after.resolvedBy, names[winner]);
        const QList<HandoffEvent> events = m_store->handoffEvents(conversationId).value();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().resolvedBy, names[winner]);
        QVERIFY(events.first().resolvedAtMs.has_value());

        // The leader led throughout.
        QCOMPARE(m_leader->state(), QProcess::Running);
    }
};

QTEST_GUILESS_MAIN(tst_ResolveRace)
#include "tst_resolverace.moc"
