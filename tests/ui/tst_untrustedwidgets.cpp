// SPDX-License-Identifier: Apache-2.0
// Names and messages from customers (and errors from channels and endpoints) in the window and
// in desktop notifications: never read as markup, and never able to reorder our own sentences.
#include "conversationlistpanel.h"
#include "fakechannel.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "modelwait.h"
#include "notificationspage.h"
#include "pipelinewait.h"
#include "previewchatwindow.h"
#include "ruleagent.h"
#include "selectioncontroller.h"
#include "transcriptmodel.h"
#include "transcripttext.h"
#include "traycontroller.h"
#include "untrustedtext.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

using namespace zapito;

namespace {
QString u(const char16_t* text)
{
    return QString::fromUtf16(text);
}

// Whether the characters from `first` to the end of `sentence` are laid out left to right, one
// after the other, as our own words must be (measured with Qt's own bidirectional layout).
bool laidOutInOrderFrom(const QString& sentence, qsizetype first)
{
    QTextLayout layout(sentence, QFont());
    QTextOption option;
    option.setTextDirection(Qt::LeftToRight);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(100'000);
    layout.endLayout();
    for (qsizetype i = first; i + 1 < sentence.size(); ++i)
        if (!(line.cursorToX(int(i)) < line.cursorToX(int(i + 1))))
            return false;
    return true;
}
} // namespace

class tst_UntrustedWidgets : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<test::FakeChannel> m_whatsapp;
    std::unique_ptr<test::FakeChannel> m_telegram;
    RuleAgent m_agent;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_now = 1'700'000'000'000;

    QString customer(const QString& channel, const QString& externalId, const QString& name,
                     const QString& text)
    {
        m_now += 60'000;
        const qint64 at = m_now;
        m_services->engine().setClock([at] { return at + 1000; });
        auto id = test::receiveAndDecide(m_services->engine(), m_services->store(), channel, externalId, name,
                                         text, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC));
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }
    template<typename T> T* find(const char* name) const
    {
        return m_window->findChild<T*>(QLatin1String(name));
    }
    void openWindow()
    {
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->selection().setLoadDelay(0);
        m_window->listPanel()->setSearchDelay(10);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(test::waitForReader(m_services->store().reader())); // the first page is in
    }

    static void hostileNames()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("isolatedName"); // as our sentences embed it
        QTest::newRow("html") << u(u"<b>bold</b><img src=x>") << u(u"\u2068<b>bold</b><img src=x>\u2069");
        QTest::newRow("link") << u(u"<a href=\"http://evil\">x</a>")
                              << u(u"\u2068<a href=\"http://evil\">x</a>\u2069");
        QTest::newRow("right-to-left-override")
            << u(u"Evil\u202Egnp.exe") << u(u"\u2068Evil\u202Egnp.exe\u2069");
        QTest::newRow("right-to-left-isolate-unclosed") << u(u"\u2067") << u(u"\u2068\u2067\u2069\u2069");
        QTest::newRow("stray-pop-isolate") << u(u"Ann\u2069\u202Eexe") << u(u"\u2068Ann\u202Eexe\u2069");
        QTest::newRow("ampersand") << u(u"Tom & Jerry") << u(u"\u2068Tom & Jerry\u2069");
        QTest::newRow("emoji") << u(u"Zé 😀👍🏽") << u(u"\u2068Zé 😀👍🏽\u2069");
        QTest::newRow("arabic") << u(u"مريم الأحمد") << u(u"\u2068مريم الأحمد\u2069");
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        NotificationsPage::setNotifyOnHandoff(true);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        DatabaseOpenError error;
        m_services = InboxServices::create(m_dir->filePath(QStringLiteral("inbox.sqlite")), &error);
        QVERIFY2(m_services, qPrintable(error.message));
        m_whatsapp = std::make_unique<test::FakeChannel>(QStringLiteral("whatsapp"));
        m_telegram = std::make_unique<test::FakeChannel>(QStringLiteral("telegram"));
        m_telegram->connected = false;
        m_services->channels().add(m_whatsapp.get());
        m_services->channels().add(m_telegram.get());
        m_services->engine().setAgent(m_agent);
    }
    void cleanup()
    {
        m_window.reset();
        m_services.reset();
        m_whatsapp.reset();
        m_telegram.reset();
        m_dir.reset();
    }

    void handoffNotification_isolatesNamesAndEscapesTheBody_data()
    {
        QTest::addColumn<QString>("contact");
        QTest::addColumn<QString>("said");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("body");
        QTest::newRow("markup-in-name-and-message")
            << u(u"<b>bold</b><img src=x>") << u(u"<a href=\"http://evil\">x</a>")
            << u(u"\u2068<b>bold</b><img src=x>\u2069 needs a human") // the summary is plain text
            << u(u"Flow handoff: “\u2068&lt;a href=\"http://evil\"&gt;x&lt;/a&gt;\u2069”");
        QTest::newRow("tracking-pixel")
            << u(u"Ana") << u(u"hi <img src=http://evil.example/p.gif>")
            << u(u"\u2068Ana\u2069 needs a human")
            << u(u"Flow handoff: “\u2068hi &lt;img src=http://evil.example/p.gif&gt;\u2069”");
        QTest::newRow("right-to-left-override") << u(u"Evil\u202Egnp.exe") << u(u"see \u202Efdp.exe")
                                                << u(u"\u2068Evil\u202Egnp.exe\u2069 needs a human")
                                                << u(u"Flow handoff: “\u2068see \u202Efdp.exe\u2069”");
        QTest::newRow("unclosed-isolate")
            << u(u"\u2067") << QString() << u(u"\u2068\u2067\u2069\u2069 needs a human")
            << u(u"Flow handoff");
        QTest::newRow("ampersand") << u(u"Tom & Jerry") << u(u"fish & chips")
                                   << u(u"\u2068Tom & Jerry\u2069 needs a human")
                                   << u(u"Flow handoff: “\u2068fish &amp; chips\u2069”");
        QTest::newRow("emoji") << u(u"Zé 😀") << u(u"👍🏽 ok") << u(u"\u2068Zé 😀\u2069 needs a human")
                               << u(u"Flow handoff: “\u2068👍🏽 ok\u2069”");
        QTest::newRow("arabic") << u(u"مريم") << u(u"أريد التحدث مع شخص")
                                << u(u"\u2068مريم\u2069 needs a human")
                                << u(u"Flow handoff: “\u2068أريد التحدث مع شخص\u2069”");
    }
    void handoffNotification_isolatesNamesAndEscapesTheBody()
    {
        QFETCH(QString, contact);
        QFETCH(QString, said);
        QFETCH(QString, title);
        QFETCH(QString, body);
        const TrayController::Notification n =
            TrayController::handoffNotification(contact, QStringLiteral("Flow handoff"), said);
        QCOMPARE(n.title, title);
        QCOMPARE(n.body, body);
        QVERIFY(!n.body.contains(u'<'));
    }

    // The whole path: a handoff recorded by the engine reaches the tray controller's sink with
    // the text handoffNotification() makes, typographic quotes intact (once "â€œ").
    void handoff_notifiesThroughTheTrayWithEscapedIsolatedText()
    {
        // The operator has another conversation open (an empty inbox would show, and open, the
        // first one that arrives: the operator is looking at it then, and is not interrupted).
        customer(QStringLiteral("whatsapp"), QStringLiteral("5511999990009"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        openWindow();
        QTRY_VERIFY(!m_window->selection().currentConversationId().isEmpty());
        QList<TrayController::Notification> shown;
        m_window->tray()->setNotificationSink(
            [&shown](const TrayController::Notification& n) { shown << n; });
        const QString name = u(u"Evil\u202Egnp.exe");
        const QString said = u(u"<b>I want a human</b> <img src=http://evil.example/p.gif>");
        customer(QStringLiteral("whatsapp"), QStringLiteral("5511999990000"), name, said);
        QTRY_COMPARE(shown.size(), 1);
        const TrayController::Notification expected =
            TrayController::handoffNotification(name, QStringLiteral("Flow handoff"), said);
        QCOMPARE(shown[0].title, expected.title);
        QCOMPARE(shown[0].body, expected.body);
        QCOMPARE(shown[0].title, u(u"\u2068Evil\u202Egnp.exe\u2069 needs a human"));
        QCOMPARE(shown[0].body, u(u"Flow handoff: “\u2068&lt;b&gt;I want a human&lt;/b&gt; "
                                  u"&lt;img src=http://evil.example/p.gif&gt;\u2069”"));
        QVERIFY(shown[0].body.contains(QChar(0x201C)) && shown[0].body.contains(QChar(0x201D)));
        QVERIFY(!shown[0].body.contains(QChar(0x00E2))); // "â", UTF-8 read as Latin-1

        // Switched off, the sink is not called.
        NotificationsPage::setNotifyOnHandoff(false);
        customer(QStringLiteral("whatsapp"), QStringLiteral("5511999990001"), QStringLiteral("Bea"),
                 QStringLiteral("a person please"));
        NotificationsPage::setNotifyOnHandoff(true);
        QCOMPARE(shown.size(), 1);
    }

    void replyPlaceholderAndNotice_isolateTheName_data() { hostileNames(); }
    void replyPlaceholderAndNotice_isolateTheName()
    {
        QFETCH(QString, name);
        QFETCH(QString, isolatedName);
        const QString id =
            customer(QStringLiteral("telegram"), QStringLiteral("@t"), name, QStringLiteral("hi"));
        openWindow();
        QVERIFY(m_window->selection().select(id));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForStore(m_services->store())); // the header
        // Alone in its label: as it is, plain text.
        auto* title = find<QLabel>("transcriptTitle");
        QCOMPARE(title->text(), name);
        QCOMPARE(title->textFormat(), Qt::PlainText);
        // Inside our sentences: isolated.
        QCOMPARE(find<QPlainTextEdit>("replyEdit")->placeholderText(),
                 QStringLiteral("Reply to %1…  (Ctrl+Enter sends, / for saved replies)").arg(isolatedName));
        auto* notice = find<QLabel>("replyNotice");
        QCOMPARE(notice->textFormat(), Qt::PlainText);
        QCOMPARE(notice->text(),
                 QStringLiteral("Telegram is not connected yet, so a reply cannot reach %1. Connect "
                                "the channel to answer from here.")
                     .arg(isolatedName));
    }

    void transcriptSubtitle_isolatesTheHandle()
    {
        // A WhatsApp id that is not a number is shown as it came.
        const QString handle = u(u"5511\u202E0000");
        const QString id =
            customer(QStringLiteral("whatsapp"), handle, QStringLiteral("Ana"), QStringLiteral("hi"));
        openWindow();
        QVERIFY(m_window->selection().select(id));
        QTRY_COMPARE(m_window->transcriptModel().conversationId(), id);
        QVERIFY(test::waitForStore(m_services->store())); // the header
        const QString subtitle = find<QLabel>("transcriptSubtitle")->text();
        QVERIFY2(subtitle.startsWith(QStringLiteral("WhatsApp  ·  \u2068%1\u2069  ·  ").arg(handle)),
                 qPrintable(subtitle));
    }

    void searchEmptyState_isolatesTheSearch()
    {
        customer(QStringLiteral("whatsapp"), QStringLiteral("1"), QStringLiteral("Ana"),
                 QStringLiteral("hello"));
        openWindow();
        const QString search = u(u"zz\u202Eexe");
        find<QLineEdit>("searchField")->setText(search);
        const QString expected = QStringLiteral("No conversations match “\u2068%1\u2069”").arg(search);
        QTRY_VERIFY([&] {
            for (QLabel* label : m_window->findChildren<QLabel*>())
                if (label->text() == expected && label->isVisible())
                    return true;
            return false;
        }());
    }

    void previewChat_isolatesTheMessageAfterWho_data() { hostileNames(); }
    void previewChat_isolatesTheMessageAfterWho()
    {
        QFETCH(QString, name);
        QFETCH(QString, isolatedName);
        PreviewChatWindow preview(m_services->connectors().preview(), m_services->engine(),
                                  m_services->store());
        auto* input = preview.findChild<QLineEdit*>(QStringLiteral("previewInput"));
        auto* messages = preview.findChild<QListWidget*>(QStringLiteral("previewMessages"));
        QVERIFY(input && messages);
        input->setText(name);
        QTest::mouseClick(preview.findChild<QPushButton*>(QStringLiteral("previewSend")), Qt::LeftButton);
        QVERIFY(messages->count() >= 1);
        QCOMPARE(messages->item(0)->text(), QStringLiteral("You: %1").arg(isolatedName));
    }

    void handoffCard_isolatesTheResolverAndTheEndpointsError()
    {
        const QString resolver = u(u"Evil\u202Egnp.exe");
        const QString resolved = TranscriptText::resolvedLine(1'000, resolver, 2'000);
        QVERIFY2(resolved.startsWith(QStringLiteral("Resolved by \u2068%1\u2069 · ").arg(resolver)),
                 qPrintable(resolved));

        DeliveryAttempt attempt;
        attempt.handoffEventId = 1;
        attempt.attemptedAtMs = 1'000;
        attempt.httpStatus = 500;
        attempt.error = u(u"Internal %4 \u202ErorrE");
        attempt.durationMs = 123;
        attempt.kind = QStringLiteral("first");
        const QString line = TranscriptText::attemptLine(attempt, 2'000);
        QVERIFY2(line.contains(QStringLiteral("HTTP 500 · \u2068%1\u2069 · ").arg(attempt.error)),
                 qPrintable(line));
        QVERIFY2(line.endsWith(QStringLiteral(" · 0.2 s")), qPrintable(line)); // not in the error
    }

    // What the isolates are for: laid out by Qt, our words after the name stay in order.
    void isolatedName_keepsTheRestOfOurSentenceInOrder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("spillsWithoutIsolates");
        QTest::newRow("right-to-left-override") << u(u"Evil\u202Egnp.exe") << true;
        QTest::newRow("right-to-left-embedding") << u(u"Evil\u202Bgnp.exe") << false;
        QTest::newRow("right-to-left-isolate-unclosed") << u(u"\u2067") << true;
        QTest::newRow("stray-pop-isolate-then-override") << u(u"Ann\u2069\u202Eexe") << true;
        QTest::newRow("arabic") << u(u"مريم") << false;
        QTest::newRow("html") << u(u"<b>bold</b>") << false;
    }
    void isolatedName_keepsTheRestOfOurSentenceInOrder()
    {
        QFETCH(QString, name);
        QFETCH(bool, spillsWithoutIsolates);
        const QString ours = QStringLiteral("(Ctrl+Enter sends)");
        const QString raw = QStringLiteral("Reply to %1… %2").arg(name, ours);
        const QString safe = QStringLiteral("Reply to %1… %2").arg(isolated(name), ours);
        QVERIFY(laidOutInOrderFrom(safe, safe.size() - ours.size()));
        // The check can fail: without isolates the same name reorders our words.
        if (spillsWithoutIsolates)
            QVERIFY(!laidOutInOrderFrom(raw, raw.size() - ours.size()));
    }
};

QTEST_MAIN(tst_UntrustedWidgets)
#include "tst_untrustedwidgets.moc"
