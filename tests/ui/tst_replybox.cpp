// SPDX-License-Identifier: Apache-2.0
// The reply box on its own: saved replies through "/", note mode, the emoji grid and the
// character count near a channel's limit; and Settings → Saved replies.
#include "emojipicker.h"
#include "replybox.h"
#include "savedreplies.h"
#include "savedrepliespage.h"
#include "savedreplycompleter.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace zapito;

namespace {
const QList<SavedReply> kReplies{
    {QStringLiteral("hours"), QStringLiteral("We open at 8 and close at 18.")},
    {QStringLiteral("refund"), QStringLiteral("Refunds take up to 5 working days.")},
    {QStringLiteral("shipping-hours"), QStringLiteral("Couriers come at 10.")},
};
} // namespace

class tst_ReplyBox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SavedReplies> m_replies;
    std::unique_ptr<ReplyBox> m_box;

    QPlainTextEdit* edit() const { return m_box->findChild<QPlainTextEdit*>(QStringLiteral("replyEdit")); }
    QListWidget* popup() const { return m_box->findChild<QListWidget*>(QStringLiteral("savedReplyPopup")); }
    QLabel* countLabel() const { return m_box->findChild<QLabel*>(QStringLiteral("replyCharacterCount")); }
    QPushButton* sendButton() const { return m_box->findChild<QPushButton*>(QStringLiteral("sendButton")); }
    QToolButton* tool(const char* name) const { return m_box->findChild<QToolButton*>(QLatin1String(name)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_dir.isValid());
    }
    void init()
    {
        m_replies = std::make_unique<SavedReplies>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_replies->setList(kReplies);
        m_box = std::make_unique<ReplyBox>();
        m_box->setSavedReplies(m_replies.get());
        m_box->setTarget(QStringLiteral("WhatsApp"), QStringLiteral("Maria"), true);
        m_box->resize(600, 160);
        m_box->show();
        m_box->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_box.get()));
        edit()->setFocus();
        QVERIFY(QTest::qWaitFor([&] { return edit()->hasFocus(); }));
    }
    void cleanup()
    {
        m_box.reset();
        m_replies.reset();
    }

    void slash_insertsASavedReply_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("key");
        QTest::addColumn<bool>("listShown");
        QTest::addColumn<QString>("result");
        QTest::newRow("exact-name-enter")
            << QStringLiteral("/hours") << int(Qt::Key_Return) << true << kReplies.at(0).text;
        QTest::newRow("prefix-tab") << QStringLiteral("/ref") << int(Qt::Key_Tab) << true
                                    << kReplies.at(1).text;
        QTest::newRow("after-words") << QStringLiteral("Hi! /ref") << int(Qt::Key_Enter) << true
                                     << QStringLiteral("Hi! ") + kReplies.at(1).text;
        QTest::newRow("inside-a-name")
            << QStringLiteral("/ship") << int(Qt::Key_Return) << true << kReplies.at(2).text;
        // Nothing matches: no list, and Enter is the editor's own (a new line).
        QTest::newRow("no-match") << QStringLiteral("/zzz") << int(Qt::Key_Return) << false
                                  << QStringLiteral("/zzz\n");
        QTest::newRow("esc-cancels") << QStringLiteral("/hou") << int(Qt::Key_Escape) << true
                                     << QStringLiteral("/hou");
        QTest::newRow("not-after-a-letter")
            << QStringLiteral("and/or") << int(Qt::Key_Return) << false << QStringLiteral("and/or\n");
    }
    void slash_insertsASavedReply()
    {
        QFETCH(QString, typed);
        QFETCH(int, key);
        QFETCH(bool, listShown);
        QFETCH(QString, result);
        QTest::keyClicks(edit(), typed);
        QCOMPARE(popup()->isVisible(), listShown);
        QSignalSpy sent(m_box.get(), &ReplyBox::sendRequested);
        QTest::keyClick(edit(), Qt::Key(key));
        QCOMPARE(edit()->toPlainText(), result);
        QVERIFY(!popup()->isVisible());
        QCOMPARE(sent.count(), 0); // inserting never sends
        QVERIFY(edit()->hasFocus());
    }

    void slash_listNarrowsAsTheNameGrows()
    {
        QTest::keyClick(edit(), Qt::Key_Slash);
        QCOMPARE(popup()->count(), 3);
        QTest::keyClicks(edit(), QStringLiteral("h"));
        // Names starting with it first, then those containing it.
        QCOMPARE(popup()->count(), 2);
        QVERIFY(popup()->item(0)->text().startsWith(QStringLiteral("/hours")));
        QVERIFY(popup()->item(1)->text().startsWith(QStringLiteral("/shipping-hours")));
        QTest::keyClick(edit(), Qt::Key_Down);
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(edit()->toPlainText(), kReplies.at(2).text);
    }

    void esc_keepsTheListClosedForThatName()
    {
        QTest::keyClicks(edit(), QStringLiteral("/ho"));
        QVERIFY(popup()->isVisible());
        QTest::keyClick(edit(), Qt::Key_Escape);
        QTest::keyClicks(edit(), QStringLiteral("u"));
        QVERIFY(!popup()->isVisible());
        QTest::keyClicks(edit(), QStringLiteral(" /re"));
        QVERIFY(popup()->isVisible()); // a new "/" opens it again
    }

    // A window shortcut on Esc or Enter never takes the key from the open list.
    void listKeys_winOverWindowShortcuts()
    {
        QShortcut escape(QKeySequence(Qt::Key_Escape), m_box.get());
        QShortcut enter(QKeySequence(Qt::Key_Return), m_box.get());
        QSignalSpy escaped(&escape, &QShortcut::activated);
        QSignalSpy entered(&enter, &QShortcut::activated);
        QTest::keyClicks(edit(), QStringLiteral("/ho"));
        QTest::keyClick(edit(), Qt::Key_Escape);
        QVERIFY(!popup()->isVisible());
        QTest::keyClicks(edit(), QStringLiteral(" /re"));
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(edit()->toPlainText(), QStringLiteral("/ho ") + kReplies.at(1).text);
        QCOMPARE(escaped.count(), 0);
        QCOMPARE(entered.count(), 0);
    }

    void savedReplyText_isInsertedAsPlainText()
    {
        m_replies->setList({{QStringLiteral("html"), QStringLiteral("<b>bold</b> &amp; more")}});
        QTest::keyClicks(edit(), QStringLiteral("/html"));
        QTest::keyClick(edit(), Qt::Key_Tab);
        QCOMPARE(edit()->toPlainText(), QStringLiteral("<b>bold</b> &amp; more"));
    }

    void ctrlEnter_stillSends_withTheListOpen()
    {
        QSignalSpy sent(m_box.get(), &ReplyBox::sendRequested);
        QTest::keyClicks(edit(), QStringLiteral("see /ho"));
        QVERIFY(popup()->isVisible());
        QTest::keyClick(edit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.at(0).at(0).toString(), QStringLiteral("see /ho"));
    }

    void noteMode_looksApart_andAsksForANote()
    {
        const QColor replyBase = edit()->palette().color(QPalette::Base);
        QCOMPARE(sendButton()->text(), ReplyBox::tr("Send"));
        tool("noteModeButton")->click();
        QCOMPARE(m_box->mode(), ReplyBox::Mode::Note);
        QVERIFY(edit()->palette().color(QPalette::Base) != replyBase);
        QCOMPARE(sendButton()->text(), ReplyBox::tr("Add note"));
        QSignalSpy sent(m_box.get(), &ReplyBox::sendRequested);
        QSignalSpy noted(m_box.get(), &ReplyBox::noteRequested);
        QTest::keyClicks(edit(), QStringLiteral("VIP customer"));
        QTest::keyClick(edit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(noted.count(), 1);
        QCOMPARE(noted.at(0).at(0).toString(), QStringLiteral("VIP customer"));
        QCOMPARE(sent.count(), 0);

        tool("replyModeButton")->click();
        QCOMPARE(edit()->palette().color(QPalette::Base), replyBase);
        QCOMPARE(sendButton()->text(), ReplyBox::tr("Send"));
    }

    // A note never leaves the inbox, so it needs no connected channel.
    void noteMode_worksWithoutAConnectedChannel()
    {
        m_box->setTarget(QStringLiteral("WhatsApp"), QStringLiteral("Maria"), false);
        QVERIFY(!edit()->isEnabled());
        QVERIFY(m_box->findChild<QWidget*>(QStringLiteral("replyNotice"))->isVisible());
        tool("noteModeButton")->click();
        QVERIFY(edit()->isEnabled());
        QVERIFY(!m_box->findChild<QWidget*>(QStringLiteral("replyNotice"))->isVisible());
        edit()->setPlainText(QStringLiteral("call her back tomorrow"));
        QVERIFY(sendButton()->isEnabled());
    }

    // A sample conversation has no customer to reply to; the team may still note something.
    void unavailable_disablesTheReply_notTheNote()
    {
        const QString reason = QStringLiteral("A sample conversation: no reply reaches anyone.");
        m_box->setUnavailable(reason);
        QVERIFY(!edit()->isEnabled());
        QCOMPARE(edit()->placeholderText(), reason);
        QCOMPARE(sendButton()->toolTip(), reason);
        tool("noteModeButton")->click();
        QVERIFY(edit()->isEnabled());
        QVERIFY(edit()->toolTip().isEmpty());
        edit()->setPlainText(QStringLiteral("used in the tour"));
        QVERIFY(sendButton()->isEnabled());
        tool("replyModeButton")->click();
        QVERIFY(!edit()->isEnabled());
        QVERIFY(!sendButton()->isEnabled());
        QCOMPARE(edit()->placeholderText(), reason);
    }

    void emoji_isInsertedAtTheCursor()
    {
        QTest::keyClicks(edit(), QStringLiteral("Thanks "));
        tool("emojiButton")->click();
        auto* picker = m_box->findChild<EmojiPicker*>(QStringLiteral("emojiPicker"));
        QVERIFY(picker);
        QVERIFY(QTest::qWaitForWindowExposed(picker));
        auto* first = picker->findChild<QToolButton*>(QStringLiteral("emoji0"));
        QVERIFY(first);
        first->click();
        QVERIFY(!picker->isVisible());
        QCOMPARE(edit()->toPlainText(), QStringLiteral("Thanks ") + EmojiPicker::emoji().constFirst());
    }

    void count_showsNearTheLimit_andSaysWhatHappensPastIt_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("note");
        QTest::addColumn<QString>("shown"); // empty: hidden
        QTest::newRow("far-below") << 4096 << 100 << false << QString();
        QTest::newRow("just-below-threshold") << 4096 << 3685 << false << QString();
        QTest::newRow("close") << 4096 << 3950 << false << QStringLiteral("3,950 / 4,096");
        QTest::newRow("at-limit") << 4096 << 4096 << false << QStringLiteral("4,096 / 4,096");
        QTest::newRow("past-limit") << 4096 << 4200 << false
                                    << QStringLiteral("4,200 / 4,096 · sent as 2 messages");
        QTest::newRow("three-parts") << 4096 << 9000 << false
                                     << QStringLiteral("9,000 / 4,096 · sent as 3 messages");
        QTest::newRow("no-limit") << 0 << 9000 << false << QString();
        QTest::newRow("note-mode") << 4096 << 4200 << true << QString();
    }
    void count_showsNearTheLimit_andSaysWhatHappensPastIt()
    {
        QFETCH(int, limit);
        QFETCH(int, length);
        QFETCH(bool, note);
        QFETCH(QString, shown);
        m_box->setLengthLimit(limit);
        if (note)
            m_box->setMode(ReplyBox::Mode::Note);
        QString text;
        while (text.size() < length)
            text += QStringLiteral("word ");
        text.truncate(length);
        edit()->setPlainText(text);
        QCOMPARE(countLabel()->isVisible(), !shown.isEmpty());
        if (!shown.isEmpty())
            QCOMPARE(countLabel()->text(), shown);
    }

    void count_appearsWhileTyping()
    {
        m_box->setLengthLimit(4096);
        edit()->setPlainText(QString(3685, u'a'));
        QVERIFY(!countLabel()->isVisible());
        QTest::keyClicks(edit(), QStringLiteral("b"));
        QVERIFY(countLabel()->isVisible());
        QCOMPARE(countLabel()->text(), QStringLiteral("3,686 / 4,096"));
    }

    void settingsPage_addsEditsAndRemoves()
    {
        SavedRepliesPage page(m_replies.get());
        auto* list = page.findChild<QListWidget*>(QStringLiteral("savedRepliesList"));
        auto* name = page.findChild<QLineEdit*>(QStringLiteral("savedReplyName"));
        auto* text = page.findChild<QPlainTextEdit*>(QStringLiteral("savedReplyText"));
        auto* status = page.findChild<QLabel*>(QStringLiteral("savedRepliesStatus"));
        QCOMPARE(list->count(), 3);
        QVERIFY(!page.hasChanges());

        page.findChild<QPushButton*>(QStringLiteral("addSavedReplyButton"))->click();
        QVERIFY(page.isModified());
        QTest::keyClicks(name, QStringLiteral("opening times"));
        text->setPlainText(QStringLiteral("Mon to Fri, 8 to 18."));
        QCOMPARE(list->item(3)->text(), QStringLiteral("/opening-times"));
        // Edits wait on the page until they are applied.
        QCOMPARE(m_replies->list().size(), 3);
        page.apply(); // as the dialog's Apply or OK does
        QCOMPARE(status->text(), SavedRepliesPage::tr("Saved."));
        QVERIFY(!page.isModified());
        QCOMPARE(m_replies->list().constLast(),
                 (SavedReply{QStringLiteral("opening-times"), QStringLiteral("Mon to Fri, 8 to 18.")}));

        // A change since clears "Saved.".
        list->setCurrentRow(0);
        page.findChild<QPushButton*>(QStringLiteral("removeSavedReplyButton"))->click();
        QVERIFY(status->text().isEmpty());
        page.revert();
        QCOMPARE(list->count(), 4);

        // What the page saved is offered by the reply box at once.
        QTest::keyClicks(edit(), QStringLiteral("/open"));
        QVERIFY(popup()->isVisible());
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(edit()->toPlainText(), QStringLiteral("Mon to Fri, 8 to 18."));
    }
};

QTEST_MAIN(tst_ReplyBox)
#include "tst_replybox.moc"
