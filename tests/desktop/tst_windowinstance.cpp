// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "testdatabase.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace zapito;

namespace {
constexpr int kStartMs = 60'000;
const QByteArray kListening = QByteArrayLiteral("listening for launches");
const QByteArray kActivated = QByteArrayLiteral("brought to the front by a second launch");
} // namespace

// One window per user and database, with real zapito-inbox processes (offscreen, each in the
// same throw-away home): a second launch brings the running window to the front and ends with 0.
class tst_WindowInstance : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::CliProcess> m_cli;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<test::TestDatabase> m_otherDb;
    std::vector<std::unique_ptr<QProcess>> m_windows;

    QString db() const { return m_db->path(); }

    // A window process whose desktop log lines (zapito.desktop) go to its standard error.
    QProcess* startWindow(const QString& database)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = m_cli->environment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("zapito.desktop.debug=true"));
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(ZAPITO_INBOX_BINARY), {QStringLiteral("--database"), database});
        m_windows.push_back(std::move(process));
        return m_windows.back().get();
    }
    // Reads the process's standard error until `text` shows up (bounded); all of it in `seen`.
    static bool waitForLog(QProcess& process, const QByteArray& text, QByteArray& seen,
                           int timeoutMs = kStartMs)
    {
        QSignalSpy more(&process, &QProcess::readyReadStandardError);
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            seen += process.readAllStandardError();
            if (seen.contains(text))
                return true;
            if (process.state() == QProcess::NotRunning || deadline.hasExpired())
                return false;
            more.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }

private slots:
    void init()
    {
        m_cli = std::make_unique<test::CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_db = std::make_unique<test::TestDatabase>();
    }
    void cleanup()
    {
        for (auto& process : m_windows) {
            process->kill();
            process->waitForFinished(10'000);
        }
        m_windows.clear();
        m_otherDb.reset();
        m_db.reset();
        m_cli.reset();
    }

    void secondLaunch_bringsTheRunningWindowToTheFront()
    {
        QProcess* first = startWindow(db());
        QByteArray firstLog;
        QVERIFY2(waitForLog(*first, kListening, firstLog), firstLog.constData());

        const auto second = m_cli->run({QStringLiteral("--database"), db()}, {}, kStartMs);
        QVERIFY(second.finished);
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(waitForLog(*first, kActivated, firstLog), firstLog.constData());
        QCOMPARE(first->state(), QProcess::Running);

        // The same database by another name (a relative path) is the same window; the token
        // the desktop gave the launch goes to the running window, which may take the focus with it.
        const QFileInfo file(db());
        const bool onFile = !test::TestDatabase::isPostgreSQL();
        QProcess relative;
        QProcessEnvironment env = m_cli->environment();
        env.insert(QStringLiteral("XDG_ACTIVATION_TOKEN"), QStringLiteral("launcher-token-1"));
        relative.setProcessEnvironment(env);
        if (onFile)
            relative.setWorkingDirectory(file.absolutePath());
        QSignalSpy finished(&relative, &QProcess::finished);
        relative.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                       {QStringLiteral("--database"), onFile ? file.fileName() : db()});
        QVERIFY(finished.wait(kStartMs));
        QCOMPARE(relative.exitCode(), 0);
        firstLog.clear();
        QVERIFY2(waitForLog(*first, kActivated + " with an activation token", firstLog),
                 firstLog.constData());
    }

    void otherDatabase_opensAWindowOfItsOwn()
    {
        QProcess* first = startWindow(db());
        QByteArray firstLog;
        QVERIFY2(waitForLog(*first, kListening, firstLog), firstLog.constData());
        m_otherDb = std::make_unique<test::TestDatabase>();
        QProcess* other = startWindow(m_otherDb->path());
        QByteArray otherLog;
        QVERIFY2(waitForLog(*other, kListening, otherLog), otherLog.constData());
        QCOMPARE(other->state(), QProcess::Running);
    }

    void crashedWindow_doesNotTurnTheNextLaunchAway()
    {
        QProcess* first = startWindow(db());
        QByteArray log;
        QVERIFY2(waitForLog(*first, kListening, log), log.constData());
        first->kill(); // SIGKILL: its lock file and socket stay behind
        QVERIFY(first->waitForFinished(10'000));

        QProcess* next = startWindow(db());
        QByteArray nextLog;
        QVERIFY2(waitForLog(*next, kListening, nextLog), nextLog.constData());
        QCOMPARE(next->state(), QProcess::Running);
    }

    void commandsAndHeadless_areNotHandedOff()
    {
        QProcess* window = startWindow(db());
        QByteArray log;
        QVERIFY2(waitForLog(*window, kListening, log), log.constData());

        // A command answers as ever (once the window has created the database).
        QTRY_VERIFY_WITH_TIMEOUT(
            m_cli->run({QStringLiteral("status"), QStringLiteral("--database"), db()}).exitCode == 0,
            kStartMs);

        // --headless on the same database waits as a standby; it does not end nor raise the window.
        auto headless = m_cli->start({QStringLiteral("--headless"), QStringLiteral("--database"), db()});
        QSignalSpy headlessFinished(headless.get(), &QProcess::finished);
        QVERIFY(!headlessFinished.wait(1500));
        QVERIFY(!waitForLog(*window, kActivated, log, 300));
        headless->kill();
        headless->waitForFinished(10'000);
    }
};

QTEST_GUILESS_MAIN(tst_WindowInstance)
#include "tst_windowinstance.moc"
