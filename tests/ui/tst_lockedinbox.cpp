// SPDX-License-Identifier: Apache-2.0
// Another program holds the inbox's write lock while the operator works: reads go on, the
// operator's writes wait for the lock on the store's writer thread while the window goes on and
// land by themselves once it is gone; held longer than the writer waits, they fail with a
// sentence and lose nothing. The pipeline's writes on the event loop fail at once (the channel
// sends again).
#include "conversationlistmodel.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "pipelinewait.h"
#include "replybox.h"
#include "ruleagent.h"
#include "selectioncontroller.h"
#include "storewriter.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "windowtest.h"

#include <QAction>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace zapito;

class tst_LockedInbox : public test::WindowTest
{
    Q_OBJECT

    QSqlDatabase m_locker; // another program's connection to the same file

    QString customer(const QString& externalId, const QString& name, const QString& text)
    {
        auto id =
            test::receiveAndDecide(m_services->engine(), m_services->store(), QStringLiteral("whatsapp"),
                                   externalId, name, text, QDateTime::currentDateTimeUtc());
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }
    bool settled() { return test::waitForReader(m_services->store().reader()); }
    void lock()
    {
        QSqlQuery q(m_locker);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(q.exec(QStringLiteral("UPDATE bots SET name = name")));
    }
    void unlock() { QVERIFY(QSqlQuery(m_locker).exec(QStringLiteral("ROLLBACK"))); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        openInbox();
        m_locker = m_services->database().openExtraConnection(QStringLiteral("other-program"));
        QVERIFY(m_locker.isOpen());
    }
    void cleanup()
    {
        m_locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other-program"));
        closeInbox();
    }

    void eventLoopConnection_waitsLessThanAFrameForALock()
    {
        QSqlQuery q(m_services->database().connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QCOMPARE(q.value(0).toInt(), InboxServices::kEventLoopBusyTimeoutMs);
        QVERIFY(InboxServices::kEventLoopBusyTimeoutMs < 16);
    }

    // Opens the window on Bea's handoff, Ana's conversation beside it.
    void openWindowOnBea(QString* ana, QString* bea)
    {
        *ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        *bea = customer(QStringLiteral("2"), QStringLiteral("Bea"),
                        QStringLiteral("I want a human about my invoice"));
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(settled());
        QVERIFY(m_window->selection().select(*bea));
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        QTRY_VERIFY(m_window->findChild<QAction*>(QStringLiteral("resolveAction"))->isEnabled());
    }

    void whileLocked_readsGoOn_operatorWritesWaitAndLand_pipelineWritesFailAtOnce()
    {
        QString ana, bea;
        openWindowOnBea(&ana, &bea);

        lock();
        // Reads do not wait for a writer: search, filter and open another conversation.
        ConversationListModel& list = m_window->listModel();
        list.setSearch(QStringLiteral("invoice"));
        QVERIFY(test::waitForList(list));
        QCOMPARE(list.rowCount(), 1);
        QCOMPARE(list.index(0).data(ConversationRoles::IdRole).toString(), bea);
        list.setSearch(QString());
        QVERIFY(test::waitForList(list));
        QCOMPARE(list.rowCount(), 2);

        // Mark resolved and a reply meet the lock: they wait for it, and the window does not.
        QTimer heartbeat;
        int beats = 0;
        connect(&heartbeat, &QTimer::timeout, this, [&] { ++beats; });
        heartbeat.start(10);
        auto* resolve = m_window->findChild<QAction*>(QStringLiteral("resolveAction"));
        resolve->trigger();
        QVERIFY(!resolve->isEnabled()); // not twice
        auto* edit = m_window->findChild<QPlainTextEdit*>(QStringLiteral("replyEdit"));
        auto* send = m_window->findChild<QPushButton*>(QStringLiteral("sendButton"));
        QVERIFY(edit && send);
        edit->setPlainText(QStringLiteral("Hi Bea, checking your invoice now"));
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(edit->isReadOnly());
        QVERIFY(!send->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(beats >= 20, 5000);
        QCOMPARE(m_services->store().writer().pendingWrites(), 2);
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Handoff);
        QCOMPARE(edit->toPlainText(), QStringLiteral("Hi Bea, checking your invoice now"));

        // A customer message meets the lock on the event loop: it is not acknowledged (the
        // channel sends it again), and the event loop waited less than a frame for it.
        auto stored = m_services->engine().receiveCustomerMessage(
            {QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
             QStringLiteral("still there?"), QDateTime::currentDateTimeUtc(),
             QStringLiteral("wamid.locked")});
        QVERIFY(!stored);

        // The lock goes: both land by themselves, in the order asked.
        QSignalSpy idle(&m_services->store().writer(), &StoreWriter::idle);
        unlock();
        QVERIFY(idle.wait(5000));
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Operator);
        auto messages = m_services->store().lastMessages(bea, 1);
        QVERIFY(messages && !messages->isEmpty());
        QCOMPARE(messages->constLast().content, QStringLiteral("Hi Bea, checking your invoice now"));
        QTRY_COMPARE(edit->toPlainText(), QString());
        QVERIFY(!edit->isReadOnly());
        const QString said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("Resolved")), qPrintable(said));

        QVERIFY(m_services->engine().receiveCustomerMessage(
            {QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
             QStringLiteral("still there?"), QDateTime::currentDateTimeUtc(),
             QStringLiteral("wamid.locked")}));
        QVERIFY(settled());
        QCOMPARE(list.index(0).data(ConversationRoles::IdRole).toString(), ana);
    }

    void lockedLongerThanTheWriterWaits_aSentence_nothingLost()
    {
        QString ana, bea;
        openWindowOnBea(&ana, &bea);
        m_services->store().writer().setBusyTimeoutMs(100);
        lock();

        QSignalSpy idle(&m_services->store().writer(), &StoreWriter::idle);
        auto* resolve = m_window->findChild<QAction*>(QStringLiteral("resolveAction"));
        resolve->trigger();
        QVERIFY(idle.wait(5000));
        const QString said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("Another program is writing")), qPrintable(said));
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Handoff);
        QTRY_VERIFY(resolve->isEnabled()); // it can be tried again

        // A reply meets the lock: what was typed stays in the box, which can be edited again.
        auto* edit = m_window->findChild<QPlainTextEdit*>(QStringLiteral("replyEdit"));
        edit->setPlainText(QStringLiteral("Hi Bea, checking your invoice now"));
        QTest::mouseClick(m_window->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
        QVERIFY(idle.wait(5000));
        QCOMPARE(edit->toPlainText(), QStringLiteral("Hi Bea, checking your invoice now"));
        QVERIFY(!edit->isReadOnly());
        auto messages = m_services->store().lastMessages(bea, 1);
        QVERIFY(messages && !messages->isEmpty());
        QVERIFY(messages->constLast().content != edit->toPlainText());

        unlock();
        resolve->trigger();
        QVERIFY(idle.wait(5000));
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Bot);
    }
};

QTEST_MAIN(tst_LockedInbox)
#include "tst_lockedinbox.moc"
