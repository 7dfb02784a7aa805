// SPDX-License-Identifier: Apache-2.0
#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "emptystate.h"
#include "fakechannel.h"
#include "inboxfixture.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "notificationspage.h"
#include "pipelinewait.h"
#include "ruleagent.h"
#include "selectioncontroller.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "transcriptprobe.h"
#include "transcriptview.h"
#include "traycontroller.h"
#include "viewtabs.h"
#include "windowtest.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace zapito;

// The inbox window driven as an operator would: through objectNames, clicks and keys.
class tst_MainWindow : public test::WindowTest
{
    Q_OBJECT

    std::unique_ptr<test::FakeChannel> m_telegram;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        openInbox();
        m_telegram = std::make_unique<test::FakeChannel>(QStringLiteral("telegram"));
        m_telegram->connected = false;
        m_services->channels().add(m_telegram.get());
        // The leadership asks for the lock on its own thread: this window leads once it answers.
        QTRY_VERIFY_WITH_TIMEOUT(m_services->isLeader(), 10'000);
    }
    void cleanup()
    {
        closeInbox();
        m_telegram.reset();
    }

    void filterToggle_showsOnlyNeedsHumanWithCounts()
    {
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                 QStringLiteral("I want a human"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("3"), QStringLiteral("Cid"),
                 QStringLiteral("hi"));
        openWindow();
        QAbstractItemModelTester tester(&m_window->listModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(views());
        QVERIFY(tabText(InboxView::All).contains(u'3'));
        QVERIFY(tabText(InboxView::NeedsHuman).contains(u'1'));
        QCOMPARE(m_window->listModel().rowCount(), 3);

        clickView(InboxView::NeedsHuman);
        QCOMPARE(m_window->listModel().rowCount(), 1);
        QCOMPARE(m_window->listModel().index(0).data().toString(), QStringLiteral("Bea"));

        // Live: a new handoff joins the filtered list and the count.
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QString(),
                 QStringLiteral("talk to a person please"));
        QVERIFY(settled());
        QCOMPARE(m_window->listModel().rowCount(), 2);
        QVERIFY(tabText(InboxView::NeedsHuman).contains(u'2'));

        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QVERIFY(settled());
        QCOMPARE(views()->currentIndex(), tabOf(InboxView::All));
        QCOMPARE(m_window->listModel().rowCount(), 3);
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QVERIFY(settled());
        QCOMPARE(views()->currentIndex(), tabOf(InboxView::NeedsHuman));
        QCOMPARE(m_window->listModel().rowCount(), 2);
    }

    void selection_opensTranscriptAndMarksRead()
    {
        const QString ana = customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                                     QStringLiteral("hello"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                 QStringLiteral("hi"));
        openWindow();
        QAbstractItemModelTester tester(&m_window->transcriptModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy opened(&m_window->selection(), &SelectionController::conversationOpened);
        clickRow(1); // Ana: older, so second
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        QVERIFY(settled());
        QCOMPARE(find<QLabel>("transcriptTitle")->text(), QStringLiteral("Ana"));
        QCOMPARE(m_window->transcriptModel().rowCount(), 2); // her message and the bot's answer
        TranscriptView* view = m_window->transcriptPane()->view();
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(test::shownText(*view, 0), QStringLiteral("hello"));
        QTRY_COMPARE(m_window->listModel().index(1).data(ConversationRoles::UnreadCountRole).toInt(), 0);
        QVERIFY(!find<QPushButton>("resolveButton")->isVisible()); // nothing to resolve

        // Keyboard: Down moves to the next conversation and opens it.
        list()->setFocus();
        QTest::keyClick(list(), Qt::Key_Up);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(),
                     m_window->listModel().index(0).data(ConversationRoles::IdRole).toString());
    }

    void selection_dropsStaleLoads()
    {
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                 QStringLiteral("hi"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("3"), QStringLiteral("Cid"),
                 QStringLiteral("hey"));
        openWindow();
        m_window->selection().setLoadDelay(30);
        QSignalSpy opened(&m_window->selection(), &SelectionController::conversationOpened);
        QSignalSpy dropped(&m_window->selection(), &SelectionController::staleLoadDropped);
        list()->setCurrentIndex(m_window->listModel().index(0));
        list()->setCurrentIndex(m_window->listModel().index(1));
        list()->setCurrentIndex(m_window->listModel().index(2));
        QVERIFY(opened.wait(5000));
        // Another open would follow within the 30 ms load delay; five times that shows none comes.
        QVERIFY(!opened.wait(150));
        QCOMPARE(opened.size(), 1); // only where the selection came to rest
        const QString last = m_window->listModel().index(2).data(ConversationRoles::IdRole).toString();
        QCOMPARE(opened.at(0).at(0).toString(), last);
        QCOMPARE(m_window->transcriptModel().conversationId(), last);
        // Row 1 was passed over: its load never happened.
        const QString passed = m_window->listModel().index(1).data(ConversationRoles::IdRole).toString();
        bool passedDropped = false;
        for (const auto& args : std::as_const(dropped))
            passedDropped = passedDropped || args.at(0).toString() == passed;
        QVERIFY(passedDropped);
    }

    void liveUpdate_keepsSelection()
    {
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        const QString bea = customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                                     QStringLiteral("hi"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("3"), QStringLiteral("Cid"),
                 QStringLiteral("hey"));
        openWindow();
        QSignalSpy resets(&m_window->listModel(), &QAbstractItemModel::modelReset);
        clickRow(1);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QString(), QStringLiteral("anyone?"));
        QVERIFY(settled());
        QCOMPARE(m_window->listModel().index(0).data().toString(), QStringLiteral("Ana"));
        QCOMPARE(list()->currentIndex().data(ConversationRoles::IdRole).toString(), bea);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(m_window->transcriptModel().conversationId(), bea);
    }

    void liveMove_keepsTheVisibleRowsWhereTheyWere()
    {
        QVERIFY(test::addConversations(m_services->database(), m_services->store(),
                                       m_services->engine().bot(), 300));
        openWindow();
        ConversationListView* view = list();
        QScrollBar* bar = view->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        bar->setValue(bar->maximum() / 3);
        const QModelIndex top = view->indexAt(QPoint(1, 1));
        const QString topId = top.data(ConversationRoles::IdRole).toString();
        const int topOffset = view->visualRect(top).top();
        // A conversation further down gets a message and moves to the very top, above the view.
        const QString bottomId = m_window->listModel()
                                     .index(m_window->listModel().rowCount() - 1)
                                     .data(ConversationRoles::IdRole)
                                     .toString();
        auto conversation = m_services->store().conversation(bottomId);
        QVERIFY(conversation);
        customer(QStringLiteral("whatsapp"), conversation->externalId, QString(), QStringLiteral("news!"));
        QVERIFY(settled());
        // The list learns of the move from the reader thread, after the pipeline has settled.
        QTRY_COMPARE(m_window->listModel().index(0).data(ConversationRoles::IdRole).toString(), bottomId);
        QTRY_COMPARE(view->indexAt(QPoint(1, 1)).data(ConversationRoles::IdRole).toString(), topId);
        QCOMPARE(view->visualRect(view->indexAt(QPoint(1, 1))).top(), topOffset);
    }

    void markResolved_leavesNeedsHumanAndBotAnswersAgain()
    {
        const QString bea = customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                                     QStringLiteral("I want a human"));
        openWindow();
        clickView(InboxView::NeedsHuman);
        QCOMPARE(m_window->listModel().rowCount(), 1);
        clickRow(0);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        auto* resolve = find<QPushButton>("resolveButton");
        QVERIFY(resolve->isVisible());
        QVERIFY(resolve->isEnabled());
        // The bot is silent while a human has it.
        const int sentBefore = int(m_whatsapp->sent.size());
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QString(), QStringLiteral("hello?"));
        QVERIFY(settled());
        QCOMPARE(int(m_whatsapp->sent.size()), sentBefore);

        QTest::mouseClick(resolve, Qt::LeftButton);
        QVERIFY(settled());
        QCOMPARE(m_window->listModel().rowCount(), 0); // left Needs a human
        QVERIFY(tabText(InboxView::NeedsHuman).contains(u'0'));
        QVERIFY(!m_window->transcriptPane()->resolveAction()->isEnabled());
        QCOMPARE(m_window->transcriptModel().conversationId(), bea); // still open to read

        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QString(),
                 QStringLiteral("what are your hours?"));
        QVERIFY(settled());
        QCOMPARE(int(m_whatsapp->sent.size()), sentBefore + 1); // the bot answered
        const QModelIndex last =
            m_window->transcriptModel().index(m_window->transcriptModel().rowCount() - 1);
        QCOMPARE(last.data(TranscriptRoles::RoleRole).value<MessageRole>(), MessageRole::Assistant);
    }

    void markResolved_shortcut()
    {
        const QString bea = customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                                     QStringLiteral("I want a human"));
        openWindow();
        clickRow(0);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        QVERIFY(settled()); // the header, which enables Mark resolved
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(settled());
        QCOMPARE(m_window->listModel().counts().needsHuman, 0);
    }

    void htmlNamesAndMessages_showLiterally()
    {
        const QString name = QStringLiteral("<b>bold</b><img src=x>");
        const QString text = QStringLiteral("<script>alert(1)</script> <i>hi</i> &amp; <a href='x'>link</a>");
        const QString id = customer(QStringLiteral("whatsapp"), QStringLiteral("9"), name, text);
        openWindow();
        const QModelIndex row = m_window->listModel().index(0);
        QCOMPARE(ConversationDelegate::titleText(row), name);
        QVERIFY(ConversationDelegate::previewText(row).startsWith(QStringLiteral("Thanks"))); // bot's reply
        clickRow(0);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        auto* title = find<QLabel>("transcriptTitle");
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QCOMPARE(title->text(), name);
        // Painted as the very characters, and selectable as plain text.
        TranscriptView* view = m_window->transcriptPane()->view();
        QCOMPARE(test::shownText(*view, 0), text);
        QPlainTextEdit* selectable = view->openTextSelection(view->rowIndex(0));
        QVERIFY(selectable);
        QVERIFY(selectable->isReadOnly());
        QCOMPARE(selectable->toPlainText(), text);
        QVERIFY(selectable->textInteractionFlags() & Qt::TextSelectableByMouse);
        const auto labels = m_window->findChildren<QLabel*>();
        for (QLabel* label : labels)
            if (label->text().contains(u'<'))
                QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void search_findsNamesAndMessageText()
    {
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                 QStringLiteral("my invoice is wrong"));
        openWindow();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(settled());
        auto* search = find<QLineEdit>("searchField");
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("invoice"));
        QTRY_COMPARE(m_window->listModel().rowCount(), 1);
        QCOMPARE(m_window->listModel().index(0).data().toString(), QStringLiteral("Bea"));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("zzz"));
        QTRY_VERIFY(find<EmptyState>("listEmptyState")->isVisible());
        QVERIFY(find<QPushButton>("clearSearchButton"));
        QTest::keyClick(search, Qt::Key_Escape);
        QVERIFY(settled());
        QTRY_COMPARE(m_window->listModel().rowCount(), 2);
    }

    void reply_throughEngine_andNotConnectedSaysSo()
    {
        const QString ana = customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                                     QStringLiteral("hello"));
        const QString tg = customer(QStringLiteral("telegram"), QStringLiteral("@t"), QStringLiteral("Tom"),
                                    QStringLiteral("hi"));
        openWindow();
        m_window->selection().select(tg);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), tg);
        QVERIFY(settled());
        QVERIFY(find<QLabel>("replyNotice")->isVisible());
        QVERIFY(find<QLabel>("replyNotice")->text().contains(QStringLiteral("Telegram is not connected")));
        QVERIFY(!find<QPushButton>("sendButton")->isEnabled());

        m_window->selection().select(ana);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        QVERIFY(settled());
        QVERIFY(!find<QLabel>("replyNotice")->isVisible());
        auto* edit = find<QPlainTextEdit>("replyEdit");
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("On my way!"));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(settled());
        // The channel outbox sends on its own turn of the event loop.
        QTRY_COMPARE(m_whatsapp->sent.constLast().second, QStringLiteral("On my way!"));
        // A draft survives a look at another conversation.
        QTest::keyClicks(edit, QStringLiteral("half a thought"));
        m_window->selection().select(tg);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), tg);
        QVERIFY(edit->toPlainText().isEmpty());
        m_window->selection().select(ana);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        QCOMPARE(edit->toPlainText(), QStringLiteral("half a thought"));
        edit->clear();
        const QModelIndex last =
            m_window->transcriptModel().index(m_window->transcriptModel().rowCount() - 1);
        QCOMPARE(last.data(TranscriptRoles::RoleRole).value<MessageRole>(), MessageRole::Operator);
        QVERIFY(edit->toPlainText().isEmpty());
    }

    void emptyInbox_offersSamplesAndAChannel()
    {
        openWindow();
        auto* empty = find<EmptyState>("listEmptyState");
        QVERIFY(empty->isVisible());
        QVERIFY(find<QPushButton>("connectChannelButton"));
        QVERIFY(find<EmptyState>("transcriptEmptyState")->isVisible());
        QTest::mouseClick(find<QPushButton>("connectChannelButton"), Qt::LeftButton);
        QVERIFY(settled());
        auto* settings = m_window->findChild<SettingsDialog*>();
        QVERIFY(settings);
        QTRY_VERIFY(settings->isVisible());
        QVERIFY(settings->currentPage()->objectName() == QLatin1String("channelsPage") ||
                settings->currentPage()->objectName() == QLatin1String("integrationsPage"));
        settings->close();

        QTest::mouseClick(find<QPushButton>("loadSamplesButton"), Qt::LeftButton);
        QVERIFY(settled());
        QVERIFY(m_window->listModel().rowCount() > 0);
        QVERIFY(!empty->isVisible());
    }

    void longTranscript_opensNewestPageAndLoadsOlderOnScroll()
    {
        const QString id = customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                                    QStringLiteral("first"));
        QSqlDatabase db = m_services->database().connection();
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO messages (conversation_id, role, content, at_ms) VALUES (?, ?, ?, ?)"));
        for (int i = 0; i < 5000; ++i) {
            q.addBindValue(id);
            q.addBindValue(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"));
            q.addBindValue(QStringLiteral("message number %1").arg(i));
            q.addBindValue(m_now + i);
            QVERIFY(q.exec());
        }
        QVERIFY(db.commit());
        // A newer conversation is the one open at start, so the long one is opened below.
        customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                 QStringLiteral("hi"));
        openWindow();
        QTRY_VERIFY(!m_window->transcriptModel().conversationId().isEmpty());
        QVERIFY(m_window->transcriptModel().conversationId() != id);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_window->selection().select(id));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        qInfo("a 5000-message conversation opened in %lld ms", timer.elapsed());
        TranscriptView* view = m_window->transcriptPane()->view();
        QCOMPARE(m_window->transcriptModel().rowCount(), TranscriptModel::kDefaultPageSize);
        QCOMPARE(view->model()->rowCount(), TranscriptModel::kDefaultPageSize);
        QCOMPARE(test::shownText(*view, TranscriptModel::kDefaultPageSize - 1),
                 QStringLiteral("message number 4999"));
        QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
        QTRY_COMPARE(view->verticalScrollBar()->value(),
                     view->verticalScrollBar()->maximum()); // newest in view

        view->verticalScrollBar()->setValue(0);
        QTRY_COMPARE(m_window->transcriptModel().rowCount(), 2 * TranscriptModel::kDefaultPageSize);
        QCOMPARE(view->model()->rowCount(), 2 * TranscriptModel::kDefaultPageSize);
        // The reader's place is kept: the older page went in above, out of view.
        QTRY_VERIFY(view->verticalScrollBar()->value() > 0);
    }

    void handoffCard_showsAttemptsOnDemandAndResends()
    {
        const QString id = customer(QStringLiteral("whatsapp"), QStringLiteral("2"), QStringLiteral("Bea"),
                                    QStringLiteral("I want a human"));
        auto events = m_services->store().handoffEvents(id);
        QVERIFY(events && events->size() == 1);
        const qint64 eventId = events->constFirst().id;
        DeliveryAttempt attempt{
            0, eventId, m_now, 500, QStringLiteral("Internal Server Error"), 87, QStringLiteral("first")};
        QVERIFY(m_services->deliveries().recordAttempt(attempt, {DeliveryOutcome::Failed, {}}));
        openWindow();
        QVERIFY(m_window->selection().select(id));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        TranscriptView* view = m_window->transcriptPane()->view();
        const int row = test::handoffRow(*view);
        QVERIFY(row >= 0);
        QVERIFY(test::cardLines(*view, row).constFirst().contains(QStringLiteral("Flow handoff")));
        QCOMPARE(test::cardLines(*view, row).size(), 2); // title and outcome: no attempts yet
        QSignalSpy read(&m_window->transcriptModel(), &TranscriptModel::deliveryAttemptsRead);
        QVERIFY(test::clickCardButton(*view, row, TranscriptDelegate::Button::Attempts));
        QVERIFY(read.wait(5000));
        const QStringList lines = test::cardLines(*view, row);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).contains(QStringLiteral("HTTP 500")), qPrintable(lines.at(2)));
        QCOMPARE(test::cardButton(*view, row, TranscriptDelegate::Button::Attempts),
                 QStringLiteral("Hide attempts"));
        QCOMPARE(test::cardButton(*view, row, TranscriptDelegate::Button::Resend), QStringLiteral("Resend"));
        QVERIFY(test::clickCardButton(*view, row, TranscriptDelegate::Button::Resend));
        QVERIFY(settled());
        // The status bar says what really happens: no endpoint is set here, so nothing is sent
        // (not a fixed "sending again").
        const QString said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("nothing was sent")), qPrintable(said));
    }

    void handoffCard_pendingRetry_offersSendNow_andSaysWhatHappens()
    {
        m_whatsapp->connected = false; // the handoff message waits to be sent
        const QString id = customer(QStringLiteral("whatsapp"), QStringLiteral("3"), QStringLiteral("Cai"),
                                    QStringLiteral("I want a human"));
        auto events = m_services->store().handoffEvents(id);
        QVERIFY(events && events->size() == 1);
        const qint64 eventId = events->constFirst().id;
        // The first attempt failed; the retry is due in an hour.
        DeliveryAttempt attempt{
            0, eventId, m_now, 503, QStringLiteral("Service Unavailable"), 40, QStringLiteral("first")};
        QVERIFY(m_services->deliveries().recordAttempt(attempt, {std::nullopt, m_now + 3'600'000}));
        QCOMPARE(m_services->deliveries().outcome(eventId).value(), DeliveryOutcome::Pending);
        openWindow();
        QVERIFY(m_window->selection().select(id));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForTranscript(m_window->transcriptModel()));
        TranscriptView* view = m_window->transcriptPane()->view();
        const int row = test::handoffRow(*view);
        QVERIFY(row >= 0);
        // Offered while pending too (it once was hidden then: Resend did nothing).
        QCOMPARE(test::cardButton(*view, row, TranscriptDelegate::Button::Resend),
                 QStringLiteral("Send now"));
        // No channel is connected here, so the handoff message is not sent yet and the webhook
        // waits for it: the status bar says so (not a fixed "sending again").
        QVERIFY(test::clickCardButton(*view, row, TranscriptDelegate::Button::Resend));
        QVERIFY(settled());
        QString said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("as soon as the handoff message has been sent")),
                 qPrintable(said));
        QCOMPARE(m_services->deliveries().outcome(eventId).value(), DeliveryOutcome::Pending);
        // Once the message's send settled (as ChannelOutboxStore does), Send now tries the owed retry
        // at once; with no endpoint set here it ends, and the card shows it.
        QSqlQuery settle(m_services->deliveries().connection());
        QVERIFY(settle.exec(QStringLiteral("UPDATE webhook_outbox SET after_message_id = NULL")));
        QVERIFY(test::clickCardButton(*view, row, TranscriptDelegate::Button::Resend));
        QVERIFY(settled());
        said = m_window->statusBar()->currentMessage();
        QVERIFY2(said.contains(QStringLiteral("nothing was sent")), qPrintable(said));
        QTRY_COMPARE(m_services->deliveries().outcome(eventId).value(), DeliveryOutcome::Failed);
        QTRY_COMPARE(test::cardButton(*view, row, TranscriptDelegate::Button::Resend),
                     QStringLiteral("Resend"));
    }

    void notificationsSetting_turnsThemOff()
    {
        openWindow();
        SettingsDialog* settings = m_window->openSettings(QStringLiteral("notificationsPage"));
        QCOMPARE(settings->currentPage()->objectName(), QStringLiteral("notificationsPage"));
        auto* check = settings->findChild<QCheckBox*>(QStringLiteral("notifyOnHandoffCheck"));
        QVERIFY(check);
        check->setChecked(true);
        QVERIFY(NotificationsPage::notifyOnHandoff());
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(NotificationsPage::notifyOnHandoff()); // stored on Apply or OK, as every page
        QTest::mouseClick(settings->findChild<QPushButton*>(QStringLiteral("settingsApplyButton")),
                          Qt::LeftButton);
        QVERIFY(settled());
        QVERIFY(!NotificationsPage::notifyOnHandoff());
        // With notifications off (or no tray on this desktop) a handoff shows nothing.
        QVERIFY(!m_window->tray()->notifyHandoff(QStringLiteral("conv_x"), QStringLiteral("Ana"), QString()));
        NotificationsPage::setNotifyOnHandoff(true);
        settings->close();
    }

    void shortcutsDialog_listsTheKeys()
    {
        openWindow();
        QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
        QVERIFY(settled());
        auto* dialog = m_window->findChild<ShortcutsDialog*>();
        QVERIFY(dialog);
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QStringList actions;
        for (int row = 0; row < table->rowCount(); ++row)
            actions << table->item(row, 1)->text();
        QVERIFY(actions.contains(QStringLiteral("Mark resolved")));
        QVERIFY(actions.contains(QStringLiteral("Needs a human")));
        QVERIFY(actions.contains(QStringLiteral("Search conversations")));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
