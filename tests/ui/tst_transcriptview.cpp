// SPDX-License-Identifier: Apache-2.0
// The transcript view on a real store: what its rows say and how they are drawn, the handoff
// card's buttons, copying, and where the view stays as pages and messages arrive.
#include "conversationstore.h"
#include "deliverystore.h"
#include "handoffcardlayout.h"
#include "modelwait.h"
#include "testdatabase.h"
#include "transcriptmodel.h"
#include "transcriptprobe.h"
#include "transcripttext.h"
#include "transcriptview.h"
#include "uistyle.h"

#include <QAccessible>
#include <QClipboard>
#include <QGuiApplication>
#include <QHelpEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QToolTip>

using namespace zapito;
using Button = TranscriptDelegate::Button;

namespace {
const QDate kToday(2026, 7, 15);

QString u(const char16_t* text)
{
    return QString::fromUtf16(text);
}
} // namespace

class tst_TranscriptView : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<TranscriptModel> m_model;
    std::unique_ptr<TranscriptView> m_view;
    QString m_conversation;
    const qint64 m_now = QDateTime(kToday, QTime(14, 0)).toMSecsSinceEpoch();

    // Local time: noon of today + `day`, plus `minute` minutes.
    static qint64 at(int day, int minute)
    {
        return QDateTime(kToday.addDays(day), QTime(12, 0)).addSecs(minute * 60).toMSecsSinceEpoch();
    }
    qint64 say(MessageRole role, const QString& text, qint64 atMs)
    {
        auto appended = m_store->appendMessage(m_conversation, role, text, atMs);
        if (!appended)
            qFatal("append failed: %s", qPrintable(appended.error()));
        return appended->message.id;
    }
    qint64 handOff(qint64 atMs)
    {
        auto record = m_store->recordHandoff(m_conversation, QStringLiteral("A person will answer."),
                                             HandoffReason::Handoff, atMs,
                                             [](const Bot&, const Conversation&, const QList<Message>&,
                                                HandoffReason, qint64) { return QByteArray("{}"); });
        if (!record)
            qFatal("handoff failed: %s", qPrintable(record.error()));
        return record->event.id;
    }
    bool open(int pageSize = TranscriptModel::kDefaultPageSize)
    {
        m_model->setPageSize(pageSize);
        m_model->setConversation(m_conversation);
        return test::waitForTranscript(*m_model);
    }
    bool resizeView(int width, int height)
    {
        m_view->resize(width, height);
        return QTest::qWaitFor([&] {
            return m_view->size() == QSize(width, height) &&
                   m_view->delegate()->width() == m_view->layoutWidth();
        });
    }
    qint64 idAt(const QModelIndex& index) const
    {
        return index.data(TranscriptRoles::MessageIdRole).toLongLong();
    }
    QModelIndex rowOf(qint64 messageId) const
    {
        for (int row = 0; row < m_view->model()->rowCount(); ++row)
            if (idAt(m_view->rowIndex(row)) == messageId)
                return m_view->rowIndex(row);
        return {};
    }
    QModelIndex topRow() const { return m_view->indexAt(QPoint(m_view->viewport()->width() / 2, 0)); }
    QScrollBar* bar() const { return m_view->verticalScrollBar(); }
    QRect rowRect(int row) const { return m_view->visualRect(m_view->rowIndex(row)); }
    // Where the row's bubble starts in the viewport: what the reader's eye is on.
    int bubbleTop(const QModelIndex& index) const
    {
        return m_view->visualRect(index).top() + m_view->delegate()->rowLayout(index).bubble().rect().top();
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        auto bot = m_store->ensureBot(QStringLiteral("Luna Café"));
        QVERIFY(bot);
        auto conversation =
            m_store->upsertConversation(bot->id, QStringLiteral("whatsapp"), QStringLiteral("5511999990000"),
                                        QStringLiteral("Maria"), at(-10, 0));
        QVERIFY(conversation);
        m_conversation = conversation->id;
        m_model = std::make_unique<TranscriptModel>(*m_store);
        m_view = std::make_unique<TranscriptView>(*m_model);
        m_view->setClock([this] { return m_now; });
        m_view->setNames(QStringLiteral("Maria"), QStringLiteral("Luna Café"));
        m_view->setResendAvailable(true);
        m_view->resize(640, 480);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup()
    {
        m_view.reset();
        m_model.reset();
        m_deliveries.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void hostileText_isDrawnAsTheVeryCharacters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("lines");
        QTest::newRow("markup") << QStringLiteral("<b>x</b><img src=x>") << 1;
        QTest::newRow("script-and-entities")
            << QStringLiteral("<script>alert(1)</script> &amp; &lt;i&gt;") << 1;
        QTest::newRow("link") << QStringLiteral("<a href=\"http://evil.example\">click</a>") << 1;
        QTest::newRow("right-to-left-override") << u(u"Evil\u202Egnp.exe") << 1;
        QTest::newRow("two-paragraphs") << QStringLiteral("first line\nsecond <b>line</b>") << 2;
    }
    void hostileText_isDrawnAsTheVeryCharacters()
    {
        QFETCH(QString, text);
        QFETCH(int, lines);
        say(MessageRole::User, text, at(0, 1));
        QVERIFY(open());
        const TranscriptRowLayout& row = test::shownRow(*m_view, 0);
        QCOMPARE(row.bubble().text().text(), text);
        QCOMPARE(row.bubble().text().lineCount(), lines);
        // As wide as the characters themselves: read as markup, "<b>x</b><img src=x>" would be
        // an "x" and a picture.
        const QFontMetrics metrics(m_view->font());
        int widest = 0;
        for (const QString& line : text.split(u'\n'))
            widest = qMax(widest, metrics.horizontalAdvance(line));
        QVERIFY2(qAbs(row.bubble().text().naturalWidth() - widest) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(row.bubble().text().naturalWidth()).arg(widest)));
        // Selectable as the same plain text.
        QPlainTextEdit* selectable = m_view->openTextSelection(m_view->rowIndex(0));
        QVERIFY(selectable);
        QVERIFY(selectable->isReadOnly());
        QCOMPARE(selectable->toPlainText(), text);
    }

    void bubbles_customerLeftOthersRightWithTheirNames()
    {
        say(MessageRole::User, QStringLiteral("hello"), at(0, 1));
        say(MessageRole::Assistant, QStringLiteral("Hi! How can I help?"), at(0, 2));
        const qint64 reply = say(MessageRole::Operator, QStringLiteral("Carla here."), at(0, 3));
        const qint64 anonymous = say(MessageRole::Operator, QStringLiteral("And me."), at(0, 4));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.prepare(QStringLiteral("UPDATE messages SET author = ? WHERE id = ?")));
        q.addBindValue(QStringLiteral("Carla Mendes"));
        q.addBindValue(reply);
        QVERIFY(q.exec());
        QVERIFY(open());
        const int width = m_view->layoutWidth(); // the viewport's, less a scroll bar's room
        QVERIFY(width <= m_view->viewport()->width());
        const QStringList senders{QStringLiteral("Maria"), QStringLiteral("Luna Café"),
                                  QStringLiteral("Carla Mendes"), QStringLiteral("Operator")};
        for (int row = 0; row < 4; ++row) {
            const BubbleLayout& bubble = test::shownRow(*m_view, row).bubble();
            QCOMPARE(bubble.shownSender(), senders.at(row));
            if (row == 0)
                QCOMPARE(bubble.rect().left(), transcript::kSideMargin);
            else
                QCOMPARE(bubble.rect().right() + 1, width - transcript::kSideMargin);
        }
        QVERIFY(rowOf(anonymous).isValid());
    }

    void daySeparators_whereTheDayChanges_data()
    {
        QTest::addColumn<QList<int>>("days");
        QTest::addColumn<QStringList>("expected");
        const QString older = QLocale().toString(kToday.addDays(-3), QLocale::LongFormat);
        QTest::newRow("one-day") << QList<int>{0, 0, 0} << QStringList{QStringLiteral("Today"), {}, {}};
        QTest::newRow("yesterday-then-today")
            << QList<int>{-1, -1, 0} << QStringList{QStringLiteral("Yesterday"), {}, QStringLiteral("Today")};
        QTest::newRow("a-date-then-today")
            << QList<int>{-3, 0, 0} << QStringList{older, QStringLiteral("Today"), {}};
    }
    void daySeparators_whereTheDayChanges()
    {
        QFETCH(QList<int>, days);
        QFETCH(QStringList, expected);
        for (int i = 0; i < days.size(); ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(days.at(i), i));
        QVERIFY(open());
        for (int row = 0; row < days.size(); ++row) {
            QCOMPARE(test::shownRow(*m_view, row).dayText(), expected.at(row));
            QCOMPARE(test::shownRow(*m_view, row).dayRect().isEmpty(), expected.at(row).isEmpty());
        }
    }

    // The first row of a page always shows its day; once the older page is above it on the same
    // day, it no longer does, and it is measured again (its height depends on the row above).
    void olderPage_takesTheDaySeparatorAboveIt()
    {
        for (int i = 0; i < 6; ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(0, i));
        QVERIFY(open(3));
        QCOMPARE(test::shownRow(*m_view, 0).dayText(), QStringLiteral("Today"));
        const int firstHeight = rowRect(0).height();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->fetchMore({});
        QVERIFY(inserted.wait(5000));
        QCOMPARE(m_view->model()->rowCount(), 6);
        QCOMPARE(test::shownRow(*m_view, 0).dayText(), QStringLiteral("Today"));
        QCOMPARE(test::shownText(*m_view, 3), QStringLiteral("message 3"));
        QCOMPARE(test::shownRow(*m_view, 3).dayText(), QString());
        QVERIFY(rowRect(3).height() < firstHeight);
    }

    void handoffCard_saysWhatHappened_data()
    {
        QTest::addColumn<DeliveryOutcome>("outcome");
        QTest::addColumn<QList<int>>("statuses"); // one attempt each, in order
        QTest::addColumn<QString>("resolvedBy");  // empty: still open
        QTest::addColumn<bool>("resendAvailable");
        QTest::addColumn<QString>("outcomeLine");
        QTest::addColumn<QString>("attemptsButton");
        QTest::addColumn<QString>("resendButton");
        QTest::newRow("first-try-on-its-way")
            << DeliveryOutcome::Pending << QList<int>{} << QString() << true
            << QStringLiteral("Webhook: Sending…") << QString() << QStringLiteral("Send now");
        QTest::newRow("waiting-for-its-retry")
            << DeliveryOutcome::Pending << QList<int>{503} << QString() << true
            << QStringLiteral("Webhook: Pending retry (the first attempt failed)")
            << QStringLiteral("Show attempts") << QStringLiteral("Send now");
        QTest::newRow("failed") << DeliveryOutcome::Failed << QList<int>{500, 500} << QString() << true
                                << QStringLiteral("Webhook: Failed after 2 attempts")
                                << QStringLiteral("Show attempts") << QStringLiteral("Resend");
        QTest::newRow("sent-and-resolved")
            << DeliveryOutcome::Sent << QList<int>{200} << QStringLiteral("Carla") << true
            << QStringLiteral("Webhook: Sent") << QStringLiteral("Show attempts") << QStringLiteral("Resend");
        QTest::newRow("skipped") << DeliveryOutcome::Skipped << QList<int>{} << QString() << true
                                 << QStringLiteral("Webhook: Skipped (no webhook was configured)")
                                 << QString() << QStringLiteral("Resend");
        QTest::newRow("nobody-to-resend") << DeliveryOutcome::Failed << QList<int>{500} << QString() << false
                                          << QStringLiteral("Webhook: Failed after 1 attempt")
                                          << QStringLiteral("Show attempts") << QString();
    }
    void handoffCard_saysWhatHappened()
    {
        QFETCH(DeliveryOutcome, outcome);
        QFETCH(QList<int>, statuses);
        QFETCH(QString, resolvedBy);
        QFETCH(bool, resendAvailable);
        QFETCH(QString, outcomeLine);
        QFETCH(QString, attemptsButton);
        QFETCH(QString, resendButton);
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        for (int i = 0; i < statuses.size(); ++i) {
            const bool last = i == statuses.size() - 1;
            DeliveryAttempt attempt{0,
                                    eventId,
                                    at(0, 3 + i),
                                    statuses.at(i),
                                    statuses.at(i) == 200 ? QString() : QStringLiteral("Server Error"),
                                    40,
                                    i == 0 ? QStringLiteral("first") : QStringLiteral("retry")};
            DeliveryStore::AfterAttempt after;
            if (last && outcome != DeliveryOutcome::Pending)
                after.outcome = outcome;
            else
                after.retryAtMs = at(0, 30);
            QVERIFY(m_deliveries->recordAttempt(attempt, after));
        }
        if (outcome == DeliveryOutcome::Skipped)
            QVERIFY(m_deliveries->setOutcome(eventId, DeliveryOutcome::Skipped));
        if (!resolvedBy.isEmpty())
            QVERIFY(m_store->resolve(m_conversation, resolvedBy, at(0, 40)));
        m_view->setResendAvailable(resendAvailable);
        QVERIFY(open());

        const int row = test::handoffRow(*m_view);
        QCOMPARE(row, 1);
        const QStringList lines = test::cardLines(*m_view, row);
        QCOMPARE(lines.value(0), QStringLiteral("Handed to a human · Flow handoff"));
        QCOMPARE(lines.value(1), outcomeLine);
        if (resolvedBy.isEmpty()) {
            QCOMPARE(lines.size(), 2);
        } else {
            QCOMPARE(lines.size(), 3);
            QVERIFY2(lines.at(2).startsWith(u(u"Resolved by \u2068Carla\u2069 · ")), qPrintable(lines.at(2)));
        }
        QCOMPARE(test::cardButton(*m_view, row, Button::Attempts), attemptsButton);
        QCOMPARE(test::cardButton(*m_view, row, Button::Resend), resendButton);
        QCOMPARE(m_view->buttonRect(m_view->rowIndex(row), Button::Resend).isEmpty(), resendButton.isEmpty());
    }

    void handoffCard_buttonsBesideTheOutcomeOrUnderIt_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("beside");
        QTest::newRow("wide") << 800 << true;
        QTest::newRow("narrow") << 340 << false;
    }
    void handoffCard_buttonsBesideTheOutcomeOrUnderIt()
    {
        QFETCH(int, width);
        QFETCH(bool, beside);
        HandoffCardLayout::Content content;
        content.eventId = 1;
        content.title = TranscriptText::handoffTitle(HandoffReason::ModelError);
        content.outcome = DeliveryOutcome::Failed;
        content.outcomeText = TranscriptText::webhookOutcome(DeliveryOutcome::Failed, 2);
        content.attemptsButton = TranscriptText::showAttemptsLabel(false);
        content.resendButton = TranscriptText::resendLabel(DeliveryOutcome::Failed);
        const HandoffCardLayout card = HandoffCardLayout::build(
            content, transcript::Fonts::from(m_view->font()), width, 0, m_view.get());
        const QRect attempts = card.buttonRect(Button::Attempts);
        const QRect resend = card.buttonRect(Button::Resend);
        QVERIFY(card.rect().contains(attempts) && card.rect().contains(resend));
        QVERIFY(!attempts.intersects(resend));
        QVERIFY(!card.outcomeRect().intersects(attempts) && !card.outcomeRect().intersects(resend));
        QCOMPARE(card.outcome().lineCount(), 1); // never "Failed after 2 / attempts"
        QCOMPARE(resend.top() < card.outcomeRect().bottom(), beside);
        QCOMPARE(card.buttonAt(resend.center()), Button::Resend);
        QCOMPARE(card.buttonAt(card.outcomeRect().center()), Button::None);
    }

    void handoffCard_followsTheDelivery()
    {
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        QVERIFY(open());
        const int row = test::handoffRow(*m_view);
        QCOMPARE(test::cardLines(*m_view, row).value(1), QStringLiteral("Webhook: Sending…"));
        QCOMPARE(test::cardButton(*m_view, row, Button::Resend), QStringLiteral("Send now"));
        QVERIFY(
            m_deliveries->recordAttempt({0, eventId, at(0, 3), 200, QString(), 40, QStringLiteral("first")},
                                        {DeliveryOutcome::Sent, {}}));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->refreshHandoffs(); // as the window does when the dispatcher reports
        QVERIFY(changed.wait(5000));
        QCOMPARE(test::cardLines(*m_view, row).value(1), QStringLiteral("Webhook: Sent"));
        QCOMPARE(test::cardButton(*m_view, row, Button::Attempts), QStringLiteral("Show attempts"));
        QCOMPARE(test::cardButton(*m_view, row, Button::Resend), QStringLiteral("Resend"));
    }

    void resendClick_emitsResendRequestedWithTheEvent()
    {
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        QVERIFY(open());
        const int row = test::handoffRow(*m_view);
        QSignalSpy resend(m_view.get(), &TranscriptView::resendRequested);
        QVERIFY(test::clickCardButton(*m_view, row, Button::Resend));
        QCOMPARE(resend.size(), 1);
        QCOMPARE(resend.at(0).at(0).toLongLong(), eventId);
        // The press was the button's: it did not select the row.
        QVERIFY(m_view->selectionModel()->selectedRows().isEmpty());
        // A double click (press, release, double click, release) is one more Resend, not two.
        const QRect button = m_view->buttonRect(m_view->rowIndex(row), Button::Resend);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, button.center());
        QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, button.center());
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, button.center());
        QCOMPARE(resend.size(), 2);
        // Pressed on the button and let go off it: no Resend.
        QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, button.center());
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {},
                            button.center() - QPoint(button.width(), 0));
        QCOMPARE(resend.size(), 2);
        QVERIFY(!m_view->delegate()->pressing());
        // A click elsewhere on the row selects it and sends nothing.
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                          m_view->visualRect(m_view->rowIndex(row)).topLeft() + QPoint(30, 30));
        QCOMPARE(resend.size(), 2);
        QCOMPARE(m_view->selectionModel()->selectedRows().size(), 1);
    }

    void attemptsButton_readsThemAndGrowsTheCard()
    {
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        QVERIFY(m_deliveries->recordAttempt(
            {0, eventId, at(0, 3), 500, u(u"Internal %4 \u202ErorrE"), 87, QStringLiteral("first")},
            {DeliveryOutcome::Failed, {}}));
        QVERIFY(open());
        const int row = test::handoffRow(*m_view);
        const int closed = rowRect(row).height();
        QSignalSpy read(m_model.get(), &TranscriptModel::deliveryAttemptsRead);
        QVERIFY(test::clickCardButton(*m_view, row, Button::Attempts));
        QVERIFY(read.wait(5000));
        QCOMPARE(read.at(0).at(0).toLongLong(), eventId);
        const QStringList lines = test::cardLines(*m_view, row);
        QCOMPARE(lines.size(), 3);
        // The endpoint's words isolated inside ours; its "%4" left alone.
        QVERIFY2(
            lines.at(2).endsWith(u(u" · First try · HTTP 500 · \u2068Internal %4 \u202ErorrE\u2069 · 0.1 s")),
            qPrintable(lines.at(2)));
        QCOMPARE(test::cardButton(*m_view, row, Button::Attempts), QStringLiteral("Hide attempts"));
        QVERIFY(rowRect(row).height() > closed);
        QVERIFY(m_view->isAtBottom()); // the grown card is in view

        QVERIFY(test::clickCardButton(*m_view, row, Button::Attempts));
        QCOMPARE(test::cardLines(*m_view, row).size(), 2);
        QCOMPARE(rowRect(row).height(), closed);
    }

    void handoffCard_attemptsAreATableInSeconds()
    {
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        QVERIFY(m_deliveries->recordAttempt({0, eventId, at(0, 3), 500,
                                             QStringLiteral("HTTP 500 Internal Server Error"), 10'000,
                                             QStringLiteral("first")},
                                            {{}, at(0, 10)}));
        QVERIFY(m_deliveries->recordAttempt(
            {0, eventId, at(0, 4), 0, QStringLiteral("Connection refused"), 0, QStringLiteral("retry")},
            {DeliveryOutcome::Failed, {}}));
        QVERIFY(open());
        const int row = test::handoffRow(*m_view);
        QSignalSpy read(m_model.get(), &TranscriptModel::deliveryAttemptsRead);
        QVERIFY(test::clickCardButton(*m_view, row, Button::Attempts));
        QVERIFY(read.wait(5000));
        const HandoffCardLayout* card = test::shownRow(*m_view, row).card();
        QVERIFY(card);
        QCOMPARE(card->tableRowCount(), 3); // the header and two attempts
        QVERIFY(card->rect().contains(card->tableRect()));
        const QList<HandoffCardLayout::AttemptRow>& attempts = card->content().attempts;
        QCOMPARE(attempts.size(), 2);
        // The status once, as the dispatcher wrote it; seconds, not "10000 ms".
        QCOMPARE(attempts.at(0).result, u(u"\u2068HTTP 500 Internal Server Error\u2069"));
        QCOMPARE(attempts.at(0).duration, QStringLiteral("10 s"));
        QCOMPARE(attempts.at(0).kind, QStringLiteral("First try"));
        QCOMPARE(attempts.at(1).result, u(u"\u2068Connection refused\u2069"));
        QCOMPARE(attempts.at(1).duration, QStringLiteral("0.1 s")); // never "0 ms"
        QCOMPARE(attempts.at(1).kind, QStringLiteral("Retry"));
        QVERIFY(!attempts.at(0).ok && !attempts.at(1).ok);
    }

    // The card's bar is the delivery's colour whatever the reason: an operator looks for the
    // red ones.
    void handoffCard_colouredByOutcome_data()
    {
        QTest::addColumn<DeliveryOutcome>("outcome");
        QTest::addColumn<bool>("dark");
        for (const bool dark : {false, true}) {
            const char* scheme = dark ? "dark" : "light";
            QTest::addRow("sent-%s", scheme) << DeliveryOutcome::Sent << dark;
            QTest::addRow("failed-%s", scheme) << DeliveryOutcome::Failed << dark;
            QTest::addRow("skipped-%s", scheme) << DeliveryOutcome::Skipped << dark;
            QTest::addRow("pending-%s", scheme) << DeliveryOutcome::Pending << dark;
        }
    }
    void handoffCard_colouredByOutcome()
    {
        QFETCH(DeliveryOutcome, outcome);
        QFETCH(bool, dark);
        QPalette palette = m_view->palette();
        if (dark) {
            palette.setColor(QPalette::Base, QColor(0x1d, 0x1f, 0x23));
            palette.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2c));
            palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        }
        m_view->setPalette(palette);
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 1));
        const qint64 eventId = handOff(at(0, 2));
        if (outcome == DeliveryOutcome::Sent || outcome == DeliveryOutcome::Failed) {
            const bool sent = outcome == DeliveryOutcome::Sent;
            QVERIFY(m_deliveries->recordAttempt({0, eventId, at(0, 3), sent ? 200 : 500,
                                                 sent ? QString() : QStringLiteral("HTTP 500"), 40,
                                                 QStringLiteral("first")},
                                                {outcome, {}}));
        } else if (outcome == DeliveryOutcome::Skipped) {
            QVERIFY(m_deliveries->setOutcome(eventId, DeliveryOutcome::Skipped));
        }
        QVERIFY(open());
        const int row = test::handoffRow(*m_view);
        const HandoffCardLayout* card = test::shownRow(*m_view, row).card();
        QVERIFY(card);
        QCOMPARE(card->content().outcome, outcome);
        const QColor expected = HandoffCardLayout::outcomeColor(outcome, m_view->palette());
        // Every outcome its own colour, and each readable against the view's base.
        for (const DeliveryOutcome other : {DeliveryOutcome::Sent, DeliveryOutcome::Failed,
                                            DeliveryOutcome::Skipped, DeliveryOutcome::Pending})
            QCOMPARE(HandoffCardLayout::outcomeColor(other, m_view->palette()) == expected, other == outcome);
        QCOMPARE(ui::isDark(m_view->palette()), dark);
        const QImage shot = m_view->viewport()->grab().toImage();
        const QRect inView = card->rect().translated(rowRect(row).topLeft());
        const QColor bar = shot.pixelColor(inView.left() + 2, inView.center().y());
        QCOMPARE(bar.rgb(), expected.rgb());
    }

    void readingWidth_isCappedAndCentredOnAWideScreen()
    {
        say(MessageRole::User, QStringLiteral("I need a refund for order 4471, it arrived broken."),
            at(0, 1));
        say(MessageRole::Assistant, QStringLiteral("Connecting you with a team member right away."),
            at(0, 2));
        handOff(at(0, 2));
        QVERIFY(resizeView(1920 - 400, 900));
        QVERIFY(open());
        const int viewportWidth = m_view->layoutWidth(); // the rows' width, the scroll bar's kept free
        const QRect customer = test::shownRow(*m_view, 0).bubble().rect();
        const int row = test::handoffRow(*m_view);
        const TranscriptRowLayout& botRow = test::shownRow(*m_view, row);
        const QRect bot = botRow.bubble().rect();
        const QRect card = botRow.card()->rect();
        const int left = customer.left();
        const int right = qMax(bot.right(), card.right());
        QVERIFY2(right - left <= transcript::kReadingWidth,
                 qPrintable(QStringLiteral("%1 px across").arg(right - left)));
        QVERIFY2(qAbs((left + right) / 2 - viewportWidth / 2) <= 2, "centred");
        // The card's buttons are near its text, not at the window's far edge.
        const QRect resend = botRow.card()->buttonRect(Button::Resend);
        QVERIFY(resend.right() <= card.right());
        QVERIFY(resend.left() - card.left() < transcript::kReadingWidth);
        // A narrow view keeps its bubbles at its edges.
        QVERIFY(resizeView(500, 600));
        QCOMPARE(test::shownRow(*m_view, 0).bubble().rect().left(), transcript::kSideMargin);
    }

    void copy_putsThePlainTextOfTheSelectedMessages()
    {
        say(MessageRole::User, QStringLiteral("<b>hello</b>"), at(0, 1));
        say(MessageRole::Assistant, QStringLiteral("Hi & welcome"), at(0, 2));
        say(MessageRole::User, QStringLiteral("bye"), at(0, 3));
        QVERIFY(open());
        QClipboard* clipboard = QGuiApplication::clipboard();
        clipboard->clear();

        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rowRect(0).center());
        QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard->text(), QStringLiteral("<b>hello</b>")); // one message: its text alone

        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier, rowRect(2).center());
        QCOMPARE(m_view->selectionModel()->selectedRows().size(), 3);
        QTest::keyClick(m_view.get(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard->text(),
                 QStringLiteral("Maria, %1: <b>hello</b>\nLuna Café, %2: Hi & welcome\nMaria, %3: bye")
                     .arg(ui::messageTime(at(0, 1), m_now), ui::messageTime(at(0, 2), m_now),
                          ui::messageTime(at(0, 3), m_now)));

        // The context menu's Copy text: a right click on a row outside the selection selects it,
        // and Copy text copies it.
        clipboard->clear();
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rowRect(0).center());
        QTest::mouseClick(m_view->viewport(), Qt::RightButton, {}, rowRect(1).center());
        QCOMPARE(m_view->selectionModel()->selectedRows(), QModelIndexList{m_view->rowIndex(1)});
        const std::unique_ptr<QMenu> menu(m_view->createContextMenu(rowRect(1).center()));
        QVERIFY(menu);
        auto* copy = menu->findChild<QAction*>(QStringLiteral("copyTextAction"));
        QVERIFY(copy);
        QCOMPARE(copy->text(), QStringLiteral("Copy text"));
        copy->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("Hi & welcome"));
        QVERIFY(!m_view->createContextMenu(QPoint(5, -50))); // no row there
    }

    void doubleClick_opensTheTextForSelectingPartOfIt()
    {
        say(MessageRole::User, QStringLiteral("please check order 4471"), at(0, 1));
        QVERIFY(open());
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        const QRect text = test::shownRow(*m_view, 0).bubble().textRect().translated(rowRect(0).topLeft());
        QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {},
                           text.topLeft() + QPoint(4, text.height() / 2));
        QPlainTextEdit* editor = m_view->textSelection();
        QVERIFY(editor);
        QVERIFY(editor->isReadOnly());
        QCOMPARE(editor->toPlainText(), QStringLiteral("please check order 4471"));
        QCOMPARE(editor->textCursor().selectedText(), QStringLiteral("please")); // the word clicked
        QVERIFY(editor->geometry().intersects(text));
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!m_view->textSelection());
        QVERIFY(m_view->hasFocus());
    }

    void accessibleText_readsWhoWhenAndWhat()
    {
        say(MessageRole::User, u(u"Evil\u202Egnp.exe"), at(0, 1));
        say(MessageRole::User, QStringLiteral("I want a human"), at(0, 2));
        handOff(at(0, 3));
        QVERIFY(open());
        const QString time = ui::clockTime(at(0, 1));
        QCOMPARE(m_view->rowIndex(0).data(Qt::AccessibleTextRole).toString(),
                 u(u"\u2068Maria\u2069, %1: \u2068Evil\u202Egnp.exe\u2069").arg(time));
        const QString card = m_view->rowIndex(2).data(Qt::AccessibleTextRole).toString();
        QVERIFY2(card.contains(QStringLiteral("Handed to a human · Flow handoff. Webhook: Sending…")),
                 qPrintable(card));
        // What a screen reader is given for the row.
        QAccessibleInterface* list = QAccessible::queryAccessibleInterface(m_view.get());
        QVERIFY(list && list->tableInterface());
        QAccessibleInterface* cell = list->tableInterface()->cellAt(0, 0);
        QVERIFY(cell);
        QCOMPARE(cell->text(QAccessible::Name), m_view->rowIndex(0).data(Qt::AccessibleTextRole).toString());
    }

    void sendState_isMarkedAndItsErrorIsTheTooltip_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("error");
        QTest::addColumn<SendState>("state");
        QTest::addColumn<QString>("tip");
        QTest::newRow("sending") << QStringLiteral("pending") << QString() << SendState::Pending
                                 << QStringLiteral("Sending…");
        QTest::newRow("sent") << QStringLiteral("sent") << QString() << SendState::Sent
                              << QStringLiteral("Sent");
        QTest::newRow("failed") << QStringLiteral("failed")
                                << QStringLiteral("WhatsApp refused: 24-hour window") << SendState::Failed
                                << QStringLiteral("WhatsApp refused: 24-hour window");
    }
    void sendState_isMarkedAndItsErrorIsTheTooltip()
    {
        QFETCH(QString, stored);
        QFETCH(QString, error);
        QFETCH(SendState, state);
        QFETCH(QString, tip);
        const qint64 id = say(MessageRole::Operator, QStringLiteral("On my way"), at(0, 1));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.prepare(QStringLiteral("UPDATE messages SET send_state = ?, send_error = ? WHERE id = ?")));
        q.addBindValue(stored);
        q.addBindValue(error.isNull() ? QStringLiteral("") : error); // a null QString binds as NULL
        q.addBindValue(id);
        QVERIFY(q.exec());
        QVERIFY(open());
        const BubbleLayout& bubble = test::shownRow(*m_view, 0).bubble();
        QCOMPARE(bubble.content().sendState, state);
        QVERIFY(!bubble.sendStateRect().isEmpty());
        const QPoint mark = bubble.sendStateRect().center() + rowRect(0).topLeft();
        QHelpEvent help(QEvent::ToolTip, mark, m_view->viewport()->mapToGlobal(mark));
        QCoreApplication::sendEvent(m_view->viewport(), &help);
        QTRY_COMPARE(QToolTip::text(), tip);
        QToolTip::hideText();
    }

    void sendState_followsTheMessage()
    {
        const qint64 id = say(MessageRole::Operator, QStringLiteral("On my way"), at(0, 1));
        QVERIFY(open());
        QCOMPARE(test::shownRow(*m_view, 0).bubble().content().sendState, SendState::Sent);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.prepare(QStringLiteral("UPDATE messages SET send_state = 'failed' WHERE id = ?")));
        q.addBindValue(id);
        QVERIFY(q.exec());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        emit m_store->messageChanged(m_conversation, id); // as the channel outbox does
        QVERIFY(changed.wait(5000));
        QCOMPARE(test::shownRow(*m_view, 0).bubble().content().sendState, SendState::Failed);
    }

    void opening_readsOnlyTheNewestPage()
    {
        for (int i = 0; i < 200; ++i)
            say(i % 2 ? MessageRole::Assistant : MessageRole::User, QStringLiteral("message %1").arg(i),
                at(0, i / 10));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open(20));
        // Qt's item views fetch whenever the last row shows; in a transcript it always does.
        QVERIFY(test::waitForReader(m_store->reader()));
        QCOMPARE(m_model->rowCount(), 20);
        QVERIFY(m_model->canFetchMore({})); // and nothing is on its way
        QCOMPARE(bar()->value(), bar()->maximum());
        QCOMPARE(test::shownText(*m_view, 19), QStringLiteral("message 199"));
    }

    // Near the height where the rows just fit, the scroll bar comes and goes; the rows keep the
    // width they were laid out for, so its coming cannot rewrap them into making it go again.
    void scrollBarEdge_neverRewrapsTheRows()
    {
        for (int i = 0; i < 6; ++i)
            say(i % 2 ? MessageRole::Assistant : MessageRole::User,
                QStringLiteral(
                    "田中翔 asks: 予約は可能ですか? مرحبا، هل يمكنني الحجز؟ Can I book a table for "
                    "four on Friday evening, near the window if possible, and is there parking?"),
                at(0, i));
        QVERIFY(open());
        QVERIFY(resizeView(360, 120));
        const int laidOutFor = m_view->layoutWidth();
        bool barShown = false;
        bool barHidden = false;
        for (int height = 120; height <= 900; height += 3) {
            m_view->resize(360, height);
            QCoreApplication::processEvents();
            QCOMPARE(m_view->delegate()->width(), laidOutFor);
            (bar()->isVisible() ? barShown : barHidden) = true;
        }
        QVERIFY(barShown && barHidden); // the sweep crossed the edge
    }

    void shortTranscript_sitsAtTheBottom()
    {
        say(MessageRole::User, QStringLiteral("hello"), at(0, 1));
        QVERIFY(open());
        const QRect row = rowRect(0);
        const int bottom = m_view->viewport()->mapTo(m_view.get(), row.bottomLeft()).y();
        QVERIFY2(bottom >= m_view->height() - transcript::kEdgePadding - 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(bottom).arg(m_view->height())));
        QCOMPARE(bar()->maximum(), 0);
    }

    // Asked at one place, arrived when the reader had moved on: the place they are at when the
    // rows come in is kept.
    void olderPage_keepsTheReadersPlaceWhenItArrives()
    {
        for (int i = 0; i < 60; ++i)
            say(i % 2 ? MessageRole::Assistant : MessageRole::User, QStringLiteral("message %1").arg(i),
                at(0, i));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open(20));
        QTRY_VERIFY(bar()->maximum() > 600);
        QCOMPARE(bar()->value(), bar()->maximum());
        bar()->setValue(400);
        m_model->fetchMore({});
        bar()->setValue(60); // the page is read on another thread: it cannot have arrived yet
        const qint64 topId = idAt(topRow());
        const int bubbleY = bubbleTop(topRow());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QVERIFY(inserted.wait(5000));
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(m_view->model()->rowCount(), 40);
        // The words being read stay where they were, though their row lost its day separator
        // to the page above it.
        QCOMPARE(bubbleTop(rowOf(topId)), bubbleY);
        QCOMPARE(test::shownRow(*m_view, 20).dayText(), QString());
        QVERIFY(bar()->value() > 60);
        QVERIFY(!m_view->isAtBottom());
    }

    void scrollingNearTheTop_fetchesTheOlderPage()
    {
        for (int i = 0; i < 60; ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(0, i));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open(20));
        QTRY_VERIFY(bar()->maximum() > 0);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        const qint64 topId = idAt(m_view->rowIndex(0));
        bar()->setValue(0);
        const int bubbleY = bubbleTop(m_view->rowIndex(0));
        QVERIFY(inserted.wait(5000));
        QCOMPARE(m_model->rowCount(), 40);
        // Still reading the same message, where it was, not the older page.
        QCOMPARE(bubbleTop(rowOf(topId)), bubbleY);
    }

    void newMessage_atTheBottom_staysAtTheBottom()
    {
        for (int i = 0; i < 12; ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(0, i));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open());
        QTRY_VERIFY(bar()->maximum() > 0);
        QCOMPARE(bar()->value(), bar()->maximum());
        const int before = bar()->maximum();
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        say(MessageRole::User, QStringLiteral("a new one"), at(0, 30));
        QVERIFY(inserted.wait(5000));
        QVERIFY(bar()->maximum() > before);
        QCOMPARE(bar()->value(), bar()->maximum());
        QVERIFY(m_view->isAtBottom());
    }

    void newMessage_scrolledUp_movesNothing()
    {
        for (int i = 0; i < 12; ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(0, i));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open());
        QTRY_VERIFY(bar()->maximum() > 300);
        bar()->setValue(bar()->maximum() - 200);
        const int value = bar()->value();
        const qint64 topId = idAt(topRow());
        const int bubbleY = bubbleTop(topRow());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        say(MessageRole::User, QStringLiteral("a new one"), at(0, 30));
        QVERIFY(inserted.wait(5000));
        QCOMPARE(bar()->value(), value);
        QCOMPARE(idAt(topRow()), topId);
        QCOMPARE(bubbleTop(topRow()), bubbleY);
        QVERIFY(!m_view->isAtBottom());
    }

    void heights_areCachedPerWidthAndMeasuredAgainWhenItChanges()
    {
        say(MessageRole::User, QString(QStringLiteral("word ").repeated(80)).trimmed(), at(0, 1));
        say(MessageRole::Assistant, QStringLiteral("ok"), at(0, 2));
        // One line when wide, two or more when narrow: a height kept across widths for text that
        // was not wrapped must not be kept once it would be.
        say(MessageRole::User, QString(QStringLiteral("word ").repeated(12)).trimmed(), at(0, 3));
        QVERIFY(resizeView(900, 480));
        QVERIFY(open());
        QCOMPARE(test::shownRow(*m_view, 2).bubble().text().lineCount(), 1);
        QList<int> wide;
        for (int row = 0; row < 3; ++row)
            wide << rowRect(row).height();
        TranscriptDelegate* delegate = m_view->delegate();
        const int built = delegate->layoutsBuilt();
        // Asked again at the same width, nothing is laid out again.
        for (int round = 0; round < 3; ++round)
            for (int row = 0; row < 3; ++row)
                QCOMPARE(delegate->sizeHint(QStyleOptionViewItem(), m_view->rowIndex(row)).height(),
                         rowRect(row).height());
        QCOMPARE(delegate->layoutsBuilt(), built);

        // The delegate's answer for a narrower width, before anything is painted there (a paint
        // would lay the row out again and hide a height kept wrongly).
        const int wideWidth = delegate->width();
        delegate->setWidth(340);
        const int hinted = delegate->sizeHint(QStyleOptionViewItem(), m_view->rowIndex(2)).height();
        QCOMPARE(hinted, delegate->rowLayout(m_view->rowIndex(2)).height());
        QVERIFY(hinted > wide.at(2));
        QCOMPARE(delegate->sizeHint(QStyleOptionViewItem(), m_view->rowIndex(1)).height(), wide.at(1));
        delegate->setWidth(wideWidth);

        QVERIFY(resizeView(360, 480));
        QVERIFY(rowRect(0).height() > wide.at(0)); // more lines at the narrower width
        QCOMPARE(rowRect(1).height(), wide.at(1)); // "ok" fits either way
        QVERIFY(test::shownRow(*m_view, 2).bubble().text().lineCount() > 1);
        QCOMPARE(rowRect(2).height(), test::shownRow(*m_view, 2).height());
        QVERIFY(rowRect(2).height() > wide.at(2));
        QVERIFY(delegate->layoutsBuilt() > built);
        QCOMPARE(test::shownRow(*m_view, 0).width(), m_view->layoutWidth());
        QVERIFY(test::shownRow(*m_view, 0).bubble().rect().right() < m_view->viewport()->width());

        QVERIFY(resizeView(900, 480));
        for (int row = 0; row < 3; ++row)
            QCOMPARE(rowRect(row).height(), wide.at(row));
    }

    void keyboardFocus_startsAtTheNewestMessageInView()
    {
        for (int i = 0; i < 12; ++i)
            say(MessageRole::User, QStringLiteral("message %1").arg(i), at(0, i));
        QVERIFY(resizeView(480, 300));
        QVERIFY(open());
        m_view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
        m_view->clearFocus();
        QVERIFY(!m_view->currentIndex().isValid());
        m_view->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(m_view->currentIndex().isValid());
        QCOMPARE(m_view->currentIndex().row(), 11);
        QCOMPARE(bar()->value(), bar()->maximum()); // nothing scrolled

        // Focused before the rows came (another conversation opened meanwhile): the first arrow
        // key starts at the newest message too, not at the oldest one loaded.
        m_view->selectionModel()->clearCurrentIndex();
        QTest::keyClick(m_view.get(), Qt::Key_Up);
        QCOMPARE(m_view->currentIndex().row(), 11);
        QCOMPARE(bar()->value(), bar()->maximum());
        QTest::keyClick(m_view.get(), Qt::Key_Up);
        QCOMPARE(m_view->currentIndex().row(), 10);
    }
};

QTEST_MAIN(tst_TranscriptView)
#include "tst_transcriptview.moc"
