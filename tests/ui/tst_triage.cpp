// SPDX-License-Identifier: Apache-2.0
// Triage in the window, driven through objectNames, clicks and keys: the views and their live
// counts, Needs a human waiting longest first with its waiting times, Undo after Mark resolved,
// Reopen, Assign to me, the single keys (and that typing is never one), the open conversation's
// badge.
#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "conversationstore.h"
#include "database.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "operatorname.h"
#include "pipelinewait.h"
#include "replybox.h"
#include "ruleagent.h"
#include "selectioncontroller.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "singlekeyshortcuts.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "triagesettings.h"
#include "undobar.h"
#include "viewtabs.h"
#include "windowtest.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace zapito;

class tst_Triage : public test::WindowTest
{
    Q_OBJECT

    QString customer(const QString& externalId, const QString& name, const QString& text)
    {
        return WindowTest::customer(QStringLiteral("whatsapp"), externalId, name, text);
    }
    void openWindow() { WindowTest::openWindow(true); }
    // A key as the operator presses it, to whatever has the focus.
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = {})
    {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
        QTest::keyClick(target, key, modifiers);
        QVERIFY(settled());
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        openInbox();
        TriageSettings::setSingleKeyShortcuts(true);
        TriageSettings::setWaitWarningMinutes(TriageSettings::kDefaultWaitWarningMinutes);
    }
    void cleanup() { closeInbox(); }

    void views_showTheirRowsAndLiveCounts()
    {
        const QString ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        const QString cid =
            customer(QStringLiteral("3"), QStringLiteral("Cid"), QStringLiteral("I want a human"));
        QVERIFY(m_services->store().assign(cid, systemOperatorName()));
        QVERIFY(m_services->store().resolve(bea, QStringLiteral("Someone"), m_now + 5000));
        openWindow();

        const struct
        {
            InboxView view;
            QStringList ids;
        } expected[] = {{InboxView::All, {cid, bea, ana}},
                        {InboxView::NeedsHuman, {cid}},
                        {InboxView::Mine, {cid}},
                        {InboxView::Bot, {ana}},
                        {InboxView::Resolved, {bea}}};
        for (const auto& e : expected) {
            clickView(e.view);
            QCOMPARE(m_window->listModel().view(), e.view);
            QStringList shown;
            for (int row = 0; row < m_window->listModel().rowCount(); ++row)
                shown << idAt(row);
            QCOMPARE(shown, e.ids);
            QVERIFY2(tabText(e.view).endsWith(QString::number(e.ids.size())), qPrintable(tabText(e.view)));
        }

        // Resolved offers Reopen; the counts follow at once.
        clickRow(0);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        auto* reopen = find<QPushButton>("reopenButton");
        QVERIFY(reopen->isVisible());
        QVERIFY(find<QLabel>("transcriptSubtitle")->text().contains(QStringLiteral("Resolved by")));
        QTest::mouseClick(reopen, Qt::LeftButton);
        QVERIFY(settled());
        QTRY_VERIFY(tabText(InboxView::NeedsHuman).endsWith(u'2'));
        QVERIFY(tabText(InboxView::Resolved).endsWith(u'0'));
        QCOMPARE(m_window->listModel().rowCount(), 0); // left Resolved

        // Assign to me from the header: Mine counts it, the row and the header say who has it.
        clickView(InboxView::NeedsHuman);
        const int beaRow = m_window->listModel().rowOf(bea);
        QVERIFY(beaRow >= 0);
        clickRow(beaRow);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        auto* assign = find<QPushButton>("assignButton");
        QVERIFY(assign->isVisible());
        QTest::mouseClick(assign, Qt::LeftButton);
        QVERIFY(settled());
        QTRY_VERIFY(tabText(InboxView::Mine).endsWith(u'2'));
        QVERIFY(find<QLabel>("transcriptSubtitle")->text().contains(QStringLiteral("Assigned to you")));
        const QModelIndex row = m_window->listModel().index(m_window->listModel().rowOf(bea));
        QCOMPARE(ConversationDelegate::assigneeText(row),
                 QStringLiteral("\u2068%1\u2069").arg(systemOperatorName()));
    }

    void search_tabCountsFollowTheSearch_andComeBackWhenCleared()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("invoice, I want a human"));
        customer(QStringLiteral("3"), QStringLiteral("Cid"), QStringLiteral("invoice again"));
        openWindow();
        QTRY_VERIFY2(tabText(InboxView::All).endsWith(QStringLiteral("  3")),
                     qPrintable(tabText(InboxView::All)));
        QVERIFY(tabText(InboxView::Bot).endsWith(QStringLiteral("  2")));

        auto* search = find<QLineEdit>("searchField");
        QTest::keyClicks(search, QStringLiteral("invoice"));
        QTRY_VERIFY2(tabText(InboxView::All).endsWith(QStringLiteral("  2")),
                     qPrintable(tabText(InboxView::All)));
        QVERIFY(settled());
        QVERIFY2(tabText(InboxView::NeedsHuman).endsWith(QStringLiteral("  1")),
                 qPrintable(tabText(InboxView::NeedsHuman)));
        QVERIFY2(tabText(InboxView::Bot).endsWith(QStringLiteral("  1")),
                 qPrintable(tabText(InboxView::Bot)));
        QVERIFY(tabText(InboxView::Resolved).endsWith(QStringLiteral("  0")));

        // A count that reached its limit says so instead of pretending to be exact.
        m_window->listModel().setSearchCountCap(1);
        search->clear();
        QTest::keyClicks(search, QStringLiteral("invoic"));
        QTRY_VERIFY2(tabText(InboxView::All).endsWith(QStringLiteral("  1+")),
                     qPrintable(tabText(InboxView::All)));
        QVERIFY(tabText(InboxView::NeedsHuman).endsWith(QStringLiteral("  1")));

        search->clear();
        QTRY_VERIFY2(tabText(InboxView::All).endsWith(QStringLiteral("  3")),
                     qPrintable(tabText(InboxView::All)));
        QVERIFY(tabText(InboxView::Bot).endsWith(QStringLiteral("  2")));
    }

    void search_orViewThatNoLongerListsTheOpenConversation_deselectsIt()
    {
        const QString ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("invoice, I want a human"));
        openWindow();
        auto* search = find<QLineEdit>("searchField");

        // Still listed: it stays open and selected.
        clickRow(m_window->listModel().rowOf(bea));
        QTRY_COMPARE(m_window->selection().currentConversationId(), bea);
        QTest::keyClicks(search, QStringLiteral("invoice"));
        QTRY_COMPARE(m_window->listModel().rowCount(), 1);
        QVERIFY(settled());
        QCOMPARE(m_window->selection().currentConversationId(), bea);
        QCOMPARE(list()->currentIndex().data(ConversationRoles::IdRole).toString(), bea);

        // Not listed by the new search: nothing is open.
        search->clear();
        QTRY_COMPARE(m_window->listModel().rowCount(), 2);
        clickRow(m_window->listModel().rowOf(ana));
        QTRY_COMPARE(m_window->selection().currentConversationId(), ana);
        QSignalSpy opened(&m_window->selection(), &SelectionController::conversationOpened);
        QTest::keyClicks(search, QStringLiteral("invoice"));
        QVERIFY(opened.wait());
        QCOMPARE(opened.constLast().at(0).toString(), QString());
        QVERIFY(m_window->selection().currentConversationId().isEmpty());
        QVERIFY(m_window->transcriptModel().conversationId().isEmpty());
        QVERIFY(!list()->currentIndex().isValid());

        // Nor by the new view.
        search->clear();
        QTRY_COMPARE(m_window->listModel().rowCount(), 2);
        clickRow(m_window->listModel().rowOf(ana));
        QTRY_COMPARE(m_window->selection().currentConversationId(), ana);
        clickView(InboxView::NeedsHuman);
        QTRY_VERIFY(m_window->selection().currentConversationId().isEmpty());
        QVERIFY(m_window->transcriptModel().conversationId().isEmpty());
    }

    void search_thatListsTheOpenConversationOnALaterPage_keepsItOpen()
    {
        const QString ana =
            customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("invoice one"));
        customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("invoice two"));
        openWindow();
        m_window->listModel().setPageSize(1); // the search's first page holds only Bea
        clickRow(m_window->listModel().rowOf(ana));
        QTRY_COMPARE(m_window->selection().currentConversationId(), ana);
        QSignalSpy opened(&m_window->selection(), &SelectionController::conversationOpened);
        QTest::keyClicks(find<QLineEdit>("searchField"), QStringLiteral("invoice"));
        QTRY_COMPARE(m_window->listModel().filter().search, QStringLiteral("invoice"));
        QVERIFY(settled());
        QVERIFY(!opened.wait(300));
        QCOMPARE(m_window->selection().currentConversationId(), ana);
    }

    void needsHuman_waitsLongestFirst_withWaitingTimes()
    {
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        const QString cid =
            customer(QStringLiteral("3"), QStringLiteral("Cid"), QStringLiteral("I want a human"));
        customer(QStringLiteral("2"), QString(), QStringLiteral("still there?")); // Bea is the newest now
        openWindow();
        QCOMPARE(idAt(0), bea); // All: newest first
        clickView(InboxView::NeedsHuman);
        QCOMPARE(idAt(0), bea); // waiting longest first, whatever came since
        QCOMPARE(idAt(1), cid);
        // A new handoff waits least: last.
        const QString dan =
            customer(QStringLiteral("4"), QStringLiteral("Dan"), QStringLiteral("I want a human"));
        QVERIFY(settled());
        QCOMPARE(m_window->listModel().rowCount(), 3);
        QCOMPARE(idAt(2), dan);

        ConversationDelegate* delegate = m_window->listPanel()->delegate();
        const qint64 beaSince =
            m_window->listModel().index(0).data(ConversationRoles::HandoffAtMsRole).toLongLong();
        QVERIFY(beaSince > 0);
        delegate->setClock([beaSince] { return beaSince + 12 * 60'000 + 30'000; });
        QCOMPARE(delegate->waitingText(m_window->listModel().index(0)), QStringLiteral("waiting 12 min"));
        QVERIFY(!delegate->isWaitTooLong(m_window->listModel().index(0)));
        delegate->setClock([beaSince] { return beaSince + 15 * 60'000; });
        QVERIFY(delegate->isWaitTooLong(m_window->listModel().index(0))); // the default 15 min
        delegate->setClock([beaSince] { return beaSince + 60'000; });
        QCOMPARE(delegate->waitingText(m_window->listModel().index(0)), QStringLiteral("waiting 1 min"));
        // The threshold is a setting.
        TriageSettings::setWaitWarningMinutes(1);
        m_window->applyTriageSettings();
        QVERIFY(delegate->isWaitTooLong(m_window->listModel().index(0)));
        // Only a handoff waits.
        QVERIFY(m_services->store().resolve(dan, QStringLiteral("Ana"), m_now + 9000));
        clickView(InboxView::All);
        QVERIFY(settled());
        const QModelIndex resolved = m_window->listModel().index(m_window->listModel().rowOf(dan));
        QVERIFY(delegate->waitingText(resolved).isEmpty());
        QCOMPARE(ConversationDelegate::badgeText(resolved), QStringLiteral("Resolved"));
        // The times move on by the minute with a repaint, not a read per row.
        auto* refresh = m_window->listPanel()->findChild<QTimer*>(QStringLiteral("waitRefreshTimer"));
        QVERIFY(refresh && refresh->isActive());
        QCOMPARE(refresh->interval(), ConversationListPanel::kWaitRefreshMs);
    }

    void markResolved_offersUndo_thatRestoresTheHandoff()
    {
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        openWindow();
        UndoBar* undo = m_window->undoBar();
        QVERIFY(undo);
        QCOMPARE(undo->delay(), UndoBar::kDefaultDelayMs);
        clickRow(0);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        const qint64 since = m_services->store().conversation(bea)->handoffAtMs.value();
        QTest::mouseClick(find<QPushButton>("resolveButton"), Qt::LeftButton);
        QVERIFY(settled());
        QVERIFY(undo->isVisible());
        QVERIFY(find<QLabel>("undoText")->text().contains(QStringLiteral("Bea")));
        QCOMPARE(m_window->listModel().counts().needsHuman, 0);
        QTest::mouseClick(find<QPushButton>("undoButton"), Qt::LeftButton);
        QVERIFY(settled());
        QVERIFY(!undo->isVisible());
        const Conversation back = m_services->store().conversation(bea).value();
        QCOMPARE(back.status, ConversationStatus::Handoff);
        QCOMPARE(back.handoffAtMs, since); // still waiting since the handoff
        QTRY_COMPARE(m_window->listModel().counts().needsHuman, 1);
        QVERIFY(m_window->transcriptPane()->resolveAction()->isEnabled());

        // Once the time is up, Undo is gone and the resolution stays.
        undo->setDelay(20);
        QSignalSpy expired(undo, &UndoBar::expired);
        QTest::mouseClick(find<QPushButton>("resolveButton"), Qt::LeftButton);
        QVERIFY(settled());
        QVERIFY(expired.wait(5000));
        QVERIFY(!undo->isVisible());
        QVERIFY(isResolved(m_services->store().conversation(bea).value()));
    }

    void resolve_whenAnotherSeatWasFirst_saysWho()
    {
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        openWindow();
        clickRow(0);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        QVERIFY(m_window->transcriptPane()->resolveAction()->isEnabled());
        // Another seat resolves it first, through a connection of its own.
        {
            auto other = Database::open(m_dir->filePath(QStringLiteral("inbox.sqlite")), nullptr);
            QVERIFY(other);
            ConversationStore seat(*other);
            QVERIFY(seat.resolve(bea, QStringLiteral("Zoé"), m_now + 9000));
        }
        QSignalSpy status(m_window->transcriptPane(), &TranscriptPane::statusMessage);
        m_window->transcriptPane()->resolveAction()->trigger();
        QVERIFY(status.wait(5000));
        QCOMPARE(status.size(), 1);
        QCOMPARE(status.first().first().toString(), QStringLiteral("Already resolved by \u2068Zoé\u2069"));
        QVERIFY(!m_window->undoBar()->isVisible());
    }

    void singleKeys_triageFromTheList()
    {
        const QString ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        openWindow();
        m_window->listPanel()->focusList();
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea); // the first row
        press(Qt::Key_J);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        press(Qt::Key_K);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        press(Qt::Key_A);
        QTRY_COMPARE(m_services->store().conversation(bea)->assignee, systemOperatorName());
        press(Qt::Key_E);
        QTRY_VERIFY(isResolved(m_services->store().conversation(bea).value()));
        press(Qt::Key_Slash);
        QCOMPARE(QApplication::focusWidget(), m_window->listPanel()->searchField());
        // In a text field a letter is a letter.
        press(Qt::Key_J);
        QCOMPARE(m_window->listPanel()->searchField()->text(), QStringLiteral("j"));
        // "j" lists neither, so the open conversation closed; back in the list, the first row opens.
        m_window->listPanel()->searchField()->clear();
        QVERIFY(settled());
        m_window->listPanel()->focusList();
        QVERIFY(settled());
        QTRY_VERIFY(!m_window->transcriptModel().conversationId().isEmpty());
        press(Qt::Key_R);
        QPlainTextEdit* reply = m_window->transcriptPane()->replyBox()->editor();
        QCOMPARE(QApplication::focusWidget(), reply);
    }

    void singleKeys_typingInTheReplyBoxIsNotAShortcut()
    {
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        openWindow();
        clickRow(0);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        m_window->transcriptPane()->focusReply();
        QPlainTextEdit* reply = m_window->transcriptPane()->replyBox()->editor();
        QCOMPARE(QApplication::focusWidget(), reply);
        QSignalSpy resolved(m_window->transcriptPane(), &TranscriptPane::resolved);
        for (const Qt::Key key : {Qt::Key_E, Qt::Key_A, Qt::Key_J, Qt::Key_K, Qt::Key_R, Qt::Key_Slash})
            QTest::keyClick(reply, key);
        QCOMPARE(reply->toPlainText(), QStringLiteral("eajkr/"));
        QVERIFY(!resolved.wait(300));
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Handoff);
        QVERIFY(m_services->store().conversation(bea)->assignee.isEmpty());
        QCOMPARE(m_window->transcriptModel().conversationId(), bea);
    }

    void singleKeys_offInTheSettings()
    {
        const QString ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        const QString bea =
            customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("I want a human"));
        TriageSettings::setSingleKeyShortcuts(false);
        openWindow();
        QVERIFY(!m_window->singleKeys()->isEnabled());
        m_window->listPanel()->focusList();
        QVERIFY(settled());
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), bea);
        QSignalSpy opened(&m_window->selection(), &SelectionController::conversationOpened);
        QTest::keyClick(list(), Qt::Key_E);
        QTest::keyClick(list(), Qt::Key_A);
        QVERIFY(!opened.wait(300));
        QCOMPARE(m_services->store().conversation(bea)->status, ConversationStatus::Handoff);
        QVERIFY(m_services->store().conversation(bea)->assignee.isEmpty());
        // The menus' own shortcuts still work.
        QTest::keyClick(m_window.get(), Qt::Key_Down, Qt::AltModifier);
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        TriageSettings::setSingleKeyShortcuts(true);
    }

    void settingsTriagePage_switchesSingleKeysAndTheThreshold()
    {
        openWindow();
        SettingsDialog* settings = m_window->openSettings(QStringLiteral("triagePage"));
        QVERIFY(settings);
        auto* singleKeys = settings->findChild<QCheckBox*>(QStringLiteral("singleKeyShortcutsCheck"));
        auto* threshold = settings->findChild<QSpinBox*>(QStringLiteral("waitWarningMinutesSpin"));
        QVERIFY(singleKeys && threshold);
        QVERIFY(singleKeys->isChecked()); // on by default
        QCOMPARE(threshold->value(), 15);
        singleKeys->setChecked(false);
        threshold->setValue(30);
        QVERIFY(m_window->singleKeys()->isEnabled()); // nothing stored before Apply
        QTest::mouseClick(settings->findChild<QPushButton*>(QStringLiteral("settingsApplyButton")),
                          Qt::LeftButton);
        QVERIFY(!TriageSettings::singleKeyShortcuts());
        QCOMPARE(TriageSettings::waitWarningMinutes(), 30);
        QVERIFY(!m_window->singleKeys()->isEnabled());
        QCOMPARE(m_window->listPanel()->delegate()->waitWarningMinutes(), 30);
        settings->close();
    }

    void shortcutsDialog_groupsTheKeysByTask()
    {
        openWindow();
        QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
        auto* dialog = m_window->findChild<ShortcutsDialog*>();
        QVERIFY(dialog);
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QStringList headings;
        QHash<QString, QString> keysOf;
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->columnSpan(row, 0) == 2)
                headings << table->item(row, 0)->text();
            else
                keysOf.insert(table->item(row, 1)->text(), table->item(row, 0)->text());
        }
        QCOMPARE(headings, (QStringList{QStringLiteral("Move around"), QStringLiteral("Triage"),
                                        QStringLiteral("Reply"), QStringLiteral("Views and search"),
                                        QStringLiteral("Window")}));
        QVERIFY2(keysOf.value(QStringLiteral("Next conversation")).endsWith(QStringLiteral(" or J")),
                 qPrintable(keysOf.value(QStringLiteral("Next conversation"))));
        QVERIFY(keysOf.value(QStringLiteral("Mark resolved")).endsWith(QStringLiteral(" or E")));
        QVERIFY(keysOf.value(QStringLiteral("Assign to me")).endsWith(QStringLiteral("A")));
        QVERIFY(keysOf.contains(QStringLiteral("Mine")));
        dialog->close();
    }

    void openConversation_neverShowsItsUnreadBadge()
    {
        const QString ana = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"));
        customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("hi"));
        openWindow();
        clickRow(m_window->listModel().rowOf(ana));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), ana);
        // A message while the window is in the background: stored unread, never shown on the open row.
        QWidget other;
        other.show();
        QApplication::setActiveWindow(&other);
        QVERIFY(QTest::qWaitForWindowActive(&other));
        customer(QStringLiteral("1"), QString(), QStringLiteral("are you there?"));
        QVERIFY(settled());
        const QModelIndex row = m_window->listModel().index(m_window->listModel().rowOf(ana));
        QCOMPARE(row.data(ConversationRoles::UnreadCountRole).toInt(), 0);
        // Back at the window it is read.
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_COMPARE(m_services->store().conversation(ana)->unreadCount, 0);
    }
};

QTEST_MAIN(tst_Triage)
#include "tst_triage.moc"
