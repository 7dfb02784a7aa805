// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "conversationlistmodel.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "localhttpserver.h"
#include "mainwindow.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

using namespace zapito;
using test::RecordedRequest;
using test::ScriptedResponse;

namespace {
const QByteArray kToken = "888:seats-token-not-real";
const QString kHandoffText = QStringLiteral("Connecting you with a team member right away.");
// The bounds, used only as the limits of the waits below.
constexpr int kTakeOverBoundMs = 10'000;
constexpr int kLiveBoundMs = 1'000;
} // namespace

// Real processes on one SQLite file: two `zapito-inbox --headless` (the first leads, the second
// waits as a standby), the command line and a window in this process as seats. The leader is
// killed with SIGKILL and the standby takes over; a resolve from a seat makes the leader's bot
// answer the next customer message; a reply from a seat goes out through the leader; the window
// sees what the leader stored through the change log. Telegram is a local fake Bot API.
class tst_Seats : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::CliProcess> m_cli;
    test::TestDatabase m_tmp;
    test::LocalHttpServer m_telegram;
    QList<QByteArray> m_updates; // update bodies, update_id = 6000 + index
    QStringList m_sent;          // texts the bot sent, in order

    QString db() const { return m_tmp.path(); }

    void pushUpdate(const QString& text)
    {
        const int id = 6000 + int(m_updates.size());
        QJsonObject update{{QStringLiteral("update_id"), id},
                           {QStringLiteral("message"),
                            QJsonObject{{QStringLiteral("message_id"), id},
                                        {QStringLiteral("from"),
                                         QJsonObject{{QStringLiteral("id"), 43},
                                                     {QStringLiteral("first_name"), QStringLiteral("Olga")}}},
                                        {QStringLiteral("chat"), QJsonObject{{QStringLiteral("id"), 43}}},
                                        {QStringLiteral("date"), 1751371181 + id},
                                        {QStringLiteral("text"), text}}}};
        m_updates.append(QJsonDocument(update).toJson(QJsonDocument::Compact));
    }

    int run(const QStringList& arguments, const QByteArray& input = {}, QByteArray* out = nullptr)
    {
        const auto result = m_cli->run(arguments, input);
        if (out)
            *out = result.out;
        if (result.exitCode != 0)
            qWarning() << arguments << result.err;
        return result.finished ? result.exitCode : -1;
    }

    // `status` as rows of fields (role, host, pid, started, leading since, heartbeat, note).
    QList<QStringList> status()
    {
        QByteArray out;
        if (run({QStringLiteral("status"), QStringLiteral("--database"), db()}, {}, &out) != 0)
            return {};
        QList<QStringList> rows;
        for (const QByteArray& line : out.split('\n')) {
            if (!line.isEmpty())
                rows.append(QString::fromUtf8(line).split(u'\t'));
        }
        return rows;
    }
    QString roleOf(qint64 pid)
    {
        for (const QStringList& row : status()) {
            if (row.size() >= 3 && row[2].toLongLong() == pid)
                return row[0];
        }
        return {};
    }

    std::unique_ptr<QProcess> startHeadless()
    {
        auto process = m_cli->start({QStringLiteral("--headless"), QStringLiteral("--database"), db()});
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        return process;
    }

    QString onlyConversationId()
    {
        QByteArray out;
        if (run({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--database"), db()}, {},
                &out) != 0)
            return {};
        const QJsonArray rows = QJsonDocument::fromJson(out).array();
        return rows.size() == 1 ? rows[0][QStringLiteral("id")].toString() : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_cli = std::make_unique<test::CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        QVERIFY(m_telegram.listen());
        m_telegram.setHandler([this](const RecordedRequest& r) {
            if (r.path.contains("/sendMessage")) {
                m_sent.append(
                    QJsonDocument::fromJson(r.body).object().value(QStringLiteral("text")).toString());
                return ScriptedResponse::json(200, "{\"ok\":true,\"result\":{\"message_id\":2}}");
            }
            if (r.path.contains("/getMe"))
                return ScriptedResponse::json(
                    200, "{\"ok\":true,\"result\":{\"id\":8,\"is_bot\":true,\"first_name\":\"Seats\"}}");
            // getUpdates: every update from the offset asked for on (what a poller has not
            // confirmed yet), so a new leader gets what the old one never stored.
            const QString query = QString::fromLatin1(r.path.mid(r.path.indexOf('?') + 1));
            const qint64 offset = QUrlQuery(query).queryItemValue(QStringLiteral("offset")).toLongLong();
            QByteArrayList pending;
            for (qsizetype i = 0; i < m_updates.size(); ++i) {
                if (6000 + i >= offset)
                    pending.append(m_updates[i]);
            }
            if (pending.isEmpty())
                return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[]}")
                    .after(std::chrono::milliseconds(200));
            return ScriptedResponse::json(200, "{\"ok\":true,\"result\":[" + pending.join(',') + "]}");
        });
        for (const auto& [key, value] :
             {std::pair{QStringLiteral("telegram.enabled"), QStringLiteral("true")},
              std::pair{QStringLiteral("telegram.api_base"),
                        m_telegram.url(QStringLiteral("/")).toString()}}) {
            // Into the store every process on it reads (the channels' settings are shared).
            QCOMPARE(run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"),
                          db(), key, value}),
                     0);
        }
        QCOMPARE(
            run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("telegram.bot_token")},
                kToken + '\n'),
            0);
    }

    void leaderStandbySeats_failoverResolveReplyAndLive()
    {
        // The first --headless leads; the second waits as a standby.
        auto leader = startHeadless();
        QVERIFY(leader->waitForStarted(30'000));
        const qint64 leaderPid = leader->processId();
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(leaderPid), QStringLiteral("leader"), 30'000);
        auto standby = startHeadless();
        QVERIFY(standby->waitForStarted(30'000));
        const qint64 standbyPid = standby->processId();
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(standbyPid), QStringLiteral("standby"), 30'000);

        // A --headless that cannot read the Telegram token a leader needs (another user's
        // home, without it) stays a seat and says why; it never takes over.
        test::CliProcess stranger(QStringLiteral(ZAPITO_INBOX_BINARY));
        QCOMPARE(stranger
                     .run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--database"),
                           db(), QStringLiteral("telegram.enabled"), QStringLiteral("true")})
                     .exitCode,
                 0);
        auto ineligible = stranger.start({QStringLiteral("--headless"), QStringLiteral("--database"), db()});
        QVERIFY(ineligible->waitForStarted(30'000));
        const qint64 ineligiblePid = ineligible->processId();
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += ineligible->readAllStandardError()).contains("cannot lead"),
                                 30'000);
        QVERIFY2(said.contains("Telegram bot token"), said.constData());
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(ineligiblePid), QStringLiteral("seat"), 10'000);

        // A window in this process opens as a seat and says who leads.
        DatabaseOpenError error;
        auto seat = InboxServices::create(db(), &error);
        QVERIFY2(seat, qPrintable(error.message));
        QCOMPARE(seat->leadership().role(), Leadership::Role::Seat);
        // Its leadership's thread has asked for the lock, let go of it and read who leads.
        QTRY_VERIFY_WITH_TIMEOUT(seat->leadership().leader().has_value(), 10'000);
        QCOMPARE(seat->leadership().role(), Leadership::Role::Seat);
        if (test::TestDatabase::isPostgreSQL()) {
            // A seat window never asks to lead again: it keeps no session for the lock.
            QSqlQuery q(seat->database().connection());
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?"));
            q.addBindValue(QStringLiteral("zapito-inbox-leader-%1").arg(QCoreApplication::applicationPid()));
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        MainWindow window(*seat);
        window.show();
        auto* leadLabel = window.findChild<QLabel*>(QStringLiteral("leadershipLabel"));
        QVERIFY(leadLabel);
        QVERIFY2(leadLabel->text().startsWith(QStringLiteral("Led by ")), qPrintable(leadLabel->text()));
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(QCoreApplication::applicationPid()), QStringLiteral("seat"), 10'000);
        ConversationListModel list(seat->store());
        list.reload();
        QSignalSpy added(&seat->store(), &ConversationStore::messageAdded);

        // A customer asks for a person: the leader stores it, hands off, sends the handoff message.
        pushUpdate(QStringLiteral("I want to talk to a person"));
        QTRY_VERIFY_WITH_TIMEOUT(m_sent.contains(kHandoffText), 60'000);
        // Both messages were committed before the handoff message went out: the seat has them
        // within the bound, through the change log, as the store's own signals.
        QTRY_VERIFY_WITH_TIMEOUT(added.size() >= 2, kLiveBoundMs);
        QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), 1, kLiveBoundMs);
        const QString conversationId = onlyConversationId();
        QVERIFY(!conversationId.isEmpty());
        QCOMPARE(added.at(0).at(0).toString(), conversationId);

        // While the leader runs, a seat resolves: the other seat's list shows it within the bound,
        // and the leader's bot answers the next message.
        QTRY_VERIFY_WITH_TIMEOUT(list.index(0, 0).data(ConversationRoles::NeedsHumanRole).toBool(),
                                 kLiveBoundMs);
        QCOMPARE(run({QStringLiteral("resolve"), conversationId, QStringLiteral("--database"), db()}), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!list.index(0, 0).data(ConversationRoles::NeedsHumanRole).toBool(),
                                 kLiveBoundMs);
        const qsizetype sentBefore = m_sent.size();
        pushUpdate(QStringLiteral("What time do you open tomorrow?"));
        QTRY_VERIFY_WITH_TIMEOUT(m_sent.size() > sentBefore, 60'000);
        QVERIFY2(m_sent.constLast() != kHandoffText, qPrintable(m_sent.constLast()));

        // The leader dies without a word: the standby leads within the bound.
        ::kill(pid_t(leaderPid), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(leader->state() == QProcess::NotRunning, 10'000);
        QCOMPARE(leader->exitStatus(), QProcess::CrashExit);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(standbyPid), QStringLiteral("leader"), kTakeOverBoundMs);

        // Nothing is lost: the new leader takes the next customer message and hands off.
        const qsizetype handoffsBefore = m_sent.count(kHandoffText);
        pushUpdate(QStringLiteral("A person please"));
        QTRY_VERIFY_WITH_TIMEOUT(m_sent.count(kHandoffText) > handoffsBefore, 60'000);

        // A reply from a seat goes out through the (new) leader.
        QCOMPARE(run({QStringLiteral("reply"), conversationId, QStringLiteral("--database"), db()},
                     "Your table is ready.\n"),
                 0);
        QVERIFY(m_sent.contains(QStringLiteral("Your table is ready.")));
        // So does one typed in the seat window; its send state comes back through the change log.
        QSignalSpy changed(&seat->store(), &ConversationStore::messageChanged);
        const Status typed = seat->engine().replyAsOperator(
            conversationId, QStringLiteral("Back in five minutes."), QStringLiteral("Ana"));
        QVERIFY2(typed, qPrintable(typed.error()));
        QTRY_VERIFY_WITH_TIMEOUT(m_sent.contains(QStringLiteral("Back in five minutes.")), 30'000);
        QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 30'000);

        // Every customer message stored once, each bot text sent once.
        {
            QSqlQuery q(seat->database().connection());
            QVERIFY(
                q.exec(QStringLiteral("SELECT role, COUNT(*) FROM messages GROUP BY role ORDER BY role")));
            QHash<QString, int> byRole;
            while (q.next())
                byRole.insert(q.value(0).toString(), q.value(1).toInt());
            QCOMPARE(byRole.value(QStringLiteral("user")), 3);
            QCOMPARE(byRole.value(QStringLiteral("operator")), 2);
        }
        QCOMPARE(m_sent.count(QStringLiteral("Your table is ready.")), 1);
        QCOMPARE(m_sent.count(kHandoffText), 2);

        QCOMPARE(roleOf(ineligiblePid), QStringLiteral("seat"));
        ineligible->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(ineligible->state() == QProcess::NotRunning, 30'000);
        standby->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(standby->state() == QProcess::NotRunning, 30'000);
        QCOMPARE(standby->exitCode(), 0);
        // A clean exit takes its row away; nobody leads now.
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(standbyPid).isEmpty(), 10'000);

        // The inbox's location as a setting: the commands find it without --database.
        QCOMPARE(run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("database.location"),
                      db()}),
                 0);
        QByteArray listed;
        QCOMPARE(run({QStringLiteral("list"), QStringLiteral("--json")}, {}, &listed), 0);
        QCOMPARE(QJsonDocument::fromJson(listed).array().size(), 1);
        QCOMPARE(run({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("database.location"),
                      QString()}),
                 0);
    }

    // PostgreSQL: the lead is an advisory lock on the leader's own session. When that session
    // ends under a running leader (the server restarted, an administrator ended it), the leader
    // stops at once, since the standby may lead already, and the standby takes over.
    void leaderWhoseSessionEnds_stops_andTheStandbyLeads()
    {
        if (!test::TestDatabase::isPostgreSQL())
            QSKIP("PostgreSQL only: an SQLite leader's lock is a file the kernel holds for it");
        auto leader = startHeadless();
        QVERIFY(leader->waitForStarted(30'000));
        const qint64 leaderPid = leader->processId();
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(leaderPid), QStringLiteral("leader"), 30'000);
        auto standby = startHeadless();
        QVERIFY(standby->waitForStarted(30'000));
        const qint64 standbyPid = standby->processId();
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(standbyPid), QStringLiteral("standby"), 30'000);

        auto admin = m_tmp.open();
        QVERIFY(admin);
        QSqlQuery q(admin->connection());
        q.prepare(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE application_name = ? AND datname = current_database()"));
        q.addBindValue(QStringLiteral("zapito-inbox-leader-%1").arg(leaderPid));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(leader->state() == QProcess::NotRunning, kTakeOverBoundMs);
        QCOMPARE(leader->exitStatus(), QProcess::NormalExit);
        QCOMPARE(leader->exitCode(), InboxServices::kLostLeadExitCode);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(standbyPid), QStringLiteral("leader"), kTakeOverBoundMs);

        // The new leader receives the next customer message (the operator has the conversation
        // since the replies above, so the bot stays quiet) and stores it once.
        pushUpdate(QStringLiteral("Are you open on Sunday?"));
        const auto stored = [&q] {
            return q.exec(QStringLiteral(
                       "SELECT COUNT(*) FROM messages WHERE content = 'Are you open on Sunday?'")) &&
                           q.next()
                       ? q.value(0).toInt()
                       : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(stored(), 1, 60'000);

        standby->terminate();
        QTRY_VERIFY_WITH_TIMEOUT(standby->state() == QProcess::NotRunning, 30'000);
        QCOMPARE(standby->exitCode(), 0);
    }
};

QTEST_MAIN(tst_Seats)
#include "tst_seats.moc"
