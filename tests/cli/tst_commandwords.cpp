// SPDX-License-Identifier: Apache-2.0
#include "cliprocess.h"
#include "testdatabase.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace zapito;
using test::CliProcess;

// How the built binary reads its first word, as a child process: a command it knows runs, a word
// it does not know is a usage error on standard error that names it and lists the commands
// (exit 2, never the window), and options alone still open the window. --help lists every
// command (the man page is made from it).
class tst_CommandWords : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliProcess> m_cli;
    std::unique_ptr<test::TestDatabase> m_tmp;

private slots:
    void init()
    {
        m_cli = std::make_unique<CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_tmp = std::make_unique<test::TestDatabase>();
    }
    void cleanup()
    {
        m_tmp.reset();
        m_cli.reset();
    }

    void unknownWord_isAUsageErrorNamingIt_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("word");
        QTest::newRow("alone") << QStringList{QStringLiteral("frobnicate")} << "frobnicate";
        QTest::newRow("after-database-option")
            << QStringList{QStringLiteral("--database"), QStringLiteral("@DB@"), QStringLiteral("frobnicate")}
            << "frobnicate";
        QTest::newRow("after-demo") << QStringList{QStringLiteral("--demo"), QStringLiteral("lsit")}
                                    << "lsit";
        QTest::newRow("with-help") << QStringList{QStringLiteral("frobnicate"), QStringLiteral("--help")}
                                   << "frobnicate";
        QTest::newRow("a-file-name") << QStringList{QStringLiteral("inbox.sqlite")} << "inbox.sqlite";
    }
    void unknownWord_isAUsageErrorNamingIt()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, word);
        arguments.replaceInStrings(QStringLiteral("@DB@"), m_tmp->path());
        const CliProcess::Result r = m_cli->run(arguments, {}, 30'000);
        QVERIFY2(r.finished, "an unknown word must never open the window");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(word.toUtf8()), r.err.constData());
        for (const char* command : {"settings", "list", "resolve", "test-event"})
            QVERIFY2(r.err.contains(command), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFileInfo::exists(m_tmp->path() + QStringLiteral(".leader")));
    }

    void knownWordAfterOptions_runsTheCommand()
    {
        QVERIFY(m_tmp->open()); // list reads an inbox that exists
        const CliProcess::Result r = m_cli->run(
            {QStringLiteral("--database"), m_tmp->path(), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QJsonDocument::fromJson(r.out).isArray()); // list's own --json: it ran
    }

    void help_listsEveryCommand()
    {
        const CliProcess::Result r = m_cli->run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char* command : {"verify-signature", "settings", "list", "deliveries", "resolve", "reply",
                                    "test-event", "--headless", "--demo", "--database"})
            QVERIFY2(r.out.contains(command), command);
    }

    void optionsOnly_openTheWindow_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("database") << QStringList{QStringLiteral("--database"), QStringLiteral("@DB@")};
        QTest::newRow("database-equals") << QStringList{QStringLiteral("--database=@DB@")};
        QTest::newRow("demo") << QStringList{QStringLiteral("--demo"), QStringLiteral("--database"),
                                             QStringLiteral("@DB@")};
        QTest::newRow("qt-style-option") << QStringList{QStringLiteral("-style"), QStringLiteral("Fusion"),
                                                        QStringLiteral("--database"), QStringLiteral("@DB@")};
    }
    void optionsOnly_openTheWindow()
    {
        QFETCH(QStringList, arguments);
        arguments.replaceInStrings(QStringLiteral("@DB@"), m_tmp->path());
        auto window = m_cli->start(arguments);
        QVERIFY(window->waitForStarted(30'000));
        // The window leads an inbox nobody else leads: it holds the leader lock while it is open.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_tmp->path() + QStringLiteral(".leader")) ||
                                     window->state() == QProcess::NotRunning,
                                 60'000);
        QVERIFY2(window->state() == QProcess::Running, window->readAllStandardError().constData());
        QSignalSpy finished(window.get(), &QProcess::finished);
        window->terminate();
        if (!finished.wait(30'000))
            window->kill();
    }

    void noArguments_opensTheWindow()
    {
        // The default database lives in the child's own data folder.
        auto window = m_cli->start({});
        QVERIFY(window->waitForStarted(30'000));
        const QString lock = m_cli->home() + QStringLiteral("/data/zapito/zapito-inbox/inbox.sqlite.leader");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(lock) || window->state() == QProcess::NotRunning, 60'000);
        QVERIFY2(window->state() == QProcess::Running, window->readAllStandardError().constData());
        QSignalSpy finished(window.get(), &QProcess::finished);
        window->terminate();
        if (!finished.wait(30'000))
            window->kill();
    }
};

QTEST_GUILESS_MAIN(tst_CommandWords)
#include "tst_commandwords.moc"
