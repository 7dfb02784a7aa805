// SPDX-License-Identifier: Apache-2.0
// Replying from the transcript pane on a real store of either dialect: a note written in note
// mode never reaches the channel and shows apart; operator bubbles carry the operator's name;
// each message we wrote shows its send state, and a failed one's Retry sends it again through
// the channel outbox.
#include "channelregistry.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "modelwait.h"
#include "operatorname.h"
#include "replybox.h"
#include "testdatabase.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "transcriptprobe.h"
#include "transcriptview.h"

#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace zapito;
using namespace std::chrono_literals;
using Button = TranscriptDelegate::Button;

namespace {
// Never asked in these tests (every conversation is the operator's): refuses loudly if it is.
class NoAgent final : public Agent
{
public:
    void decide(const AgentRequest&, Done done) override
    {
        ++calls;
        done(AgentDecision::reply(QStringLiteral("bot answer")));
    }
    int calls = 0;
};
} // namespace

class tst_Replies : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<test::FakeChannel> m_whatsapp;
    NoAgent m_agent;
    ChannelRegistry m_channels;
    std::unique_ptr<ConversationEngine> m_engine;
    std::unique_ptr<TranscriptModel> m_model;
    std::unique_ptr<TranscriptPane> m_pane;
    QString m_conversation;

    TranscriptView* view() const { return m_pane->view(); }
    QPlainTextEdit* edit() const { return m_pane->findChild<QPlainTextEdit*>(QStringLiteral("replyEdit")); }
    QPushButton* sendButton() const { return m_pane->findChild<QPushButton*>(QStringLiteral("sendButton")); }
    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }
    int rows() const { return m_model->rowCount(); }
    QModelIndex lastRow() const { return view()->rowIndex(rows() - 1); }
    // Types in the reply box and presses its button, as an operator does.
    void write(const QString& text)
    {
        edit()->setFocus();
        QTest::keyClicks(edit(), text);
        QVERIFY(sendButton()->isEnabled());
        QTest::mouseClick(sendButton(), Qt::LeftButton);
    }
    bool waitForRows(int n)
    {
        return QTest::qWaitFor([&] { return rows() == n; }, 5000);
    }
    SendState lastState() const { return lastRow().data(TranscriptRoles::SendStateRole).value<SendState>(); }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_whatsapp = std::make_unique<test::FakeChannel>();
        m_channels.add(m_whatsapp.get());
        const Bot bot = m_store->ensureBot(QStringLiteral("Luna Café")).value();
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_agent, m_channels, bot);
        m_engine->outbound().setRetryDelays({20ms});
        // A customer wrote while an operator had the conversation: the bot stays out of it.
        auto conversation =
            m_store->upsertConversation(bot.id, QStringLiteral("whatsapp"), QStringLiteral("5511999990000"),
                                        QStringLiteral("Maria"), 1'700'000'000'000);
        QVERIFY(conversation);
        m_conversation = conversation->id;
        QVERIFY(QSqlQuery(m_db->connection())
                    .exec(QStringLiteral("UPDATE conversations SET status = 'operator' WHERE id = '%1'")
                              .arg(m_conversation)));
        QVERIFY(
            m_engine->receiveCustomerMessage(QStringLiteral("whatsapp"), QStringLiteral("5511999990000"),
                                             QStringLiteral("Maria"), QStringLiteral("is my order late?"),
                                             QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc())));
        m_model = std::make_unique<TranscriptModel>(*m_store);
        m_pane = std::make_unique<TranscriptPane>(*m_store, *m_engine, m_channels, *m_model);
        m_pane->resize(800, 600);
        m_pane->show();
        m_pane->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
        m_model->setConversation(m_conversation);
        m_pane->showConversation(m_conversation);
        QVERIFY(test::waitForTranscript(*m_model));
        QVERIFY(test::waitForStore(*m_store)); // the header, which says the channel is connected
        QCOMPARE(rows(), 1);
    }
    void cleanup()
    {
        m_pane.reset();
        m_model.reset();
        m_engine.reset();
        m_channels.remove(QStringLiteral("whatsapp"));
        m_whatsapp.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void note_neverReachesTheChannel_andShowsApart()
    {
        QSignalSpy answered(m_whatsapp.get(), &test::FakeChannel::answered);
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        m_pane->findChild<QToolButton*>(QStringLiteral("noteModeButton"))->click();
        write(QStringLiteral("Courier says Thursday; do not promise Wednesday"));
        QVERIFY(waitForRows(2));
        QVERIFY(edit()->toPlainText().isEmpty());

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
        QVERIFY(!answered.wait(300)); // a reply would have been handed to the channel at once
        QCOMPARE(settled.count(), 0);
        QVERIFY(m_whatsapp->sent.isEmpty());
        QCOMPARE(m_agent.calls, 0);

        const QModelIndex note = lastRow();
        QVERIFY(note.data(TranscriptRoles::IsNoteRole).toBool());
        const BubbleLayout& bubble = view()->delegate()->rowLayout(note).bubble();
        QCOMPARE(bubble.content().sender, view()->delegate()->text().sender(note));
        QVERIFY(bubble.shownSender().startsWith(TranscriptText::tr("Note by %1").section(u'%', 0, 0)));
        QVERIFY(bubble.shownSender().contains(systemOperatorName().left(3)));
        QVERIFY(bubble.content().note);
        QCOMPARE(bubble.content().sendState, SendState::None); // nothing to send, no mark
        // In the middle of the row, not on the operators' side.
        const int rowWidth = view()->delegate()->width();
        QVERIFY(qAbs(bubble.rect().center().x() - rowWidth / 2) <= 2);
        const BubbleLayout& customer = view()->delegate()->rowLayout(view()->rowIndex(0)).bubble();
        QVERIFY(BubbleLayout::fillColor(bubble.content(), view()->palette()) !=
                BubbleLayout::fillColor(customer.content(), view()->palette()));
    }

    void operatorBubble_carriesTheOperatorsName_andItsSendState()
    {
        m_whatsapp->delay = 200ms; // the reply stays in the outbox while the channel thinks
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        write(QStringLiteral("It left the warehouse today."));
        QVERIFY(waitForRows(2));
        const QString name = view()->delegate()->rowLayout(lastRow()).bubble().content().sender;
        QCOMPARE(name, systemOperatorName());
        QVERIFY(name != QLatin1String("You"));
        QCOMPARE(lastState(), SendState::Pending);
        QVERIFY(settled.wait(5000));
        QVERIFY(QTest::qWaitFor([&] { return lastState() == SendState::Sent; }, 5000));
        QCOMPARE(view()->delegate()->rowLayout(lastRow()).bubble().content().sendState, SendState::Sent);
        QVERIFY(view()->delegate()->rowLayout(lastRow()).bubble().retryRect().isEmpty());
    }

    void failedSend_offersRetry_whichSendsThroughTheOutboxAgain()
    {
        m_whatsapp->failWith = QStringLiteral("HTTP 503 Service Unavailable");
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        write(QStringLiteral("It left the warehouse today."));
        QVERIFY(settled.wait(5000));
        QVERIFY(QTest::qWaitFor([&] { return lastState() == SendState::Failed; }, 5000));
        const qint64 messageId = lastRow().data(TranscriptRoles::MessageIdRole).toLongLong();
        const int row = rows() - 1;
        QCOMPARE(view()->delegate()->rowLayout(lastRow()).bubble().content().retryText,
                 TranscriptText::retryLabel());
        QVERIFY(!view()->buttonRect(lastRow(), Button::Retry).isEmpty());

        m_whatsapp->failWith.clear();
        m_whatsapp->delay = 200ms;
        const qsizetype sentBefore = m_whatsapp->sent.size();
        QVERIFY(test::clickCardButton(*view(), row, Button::Retry));
        QVERIFY(test::waitForStore(*m_store)); // queued again on the writer thread
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox WHERE message_id = %1").arg(messageId)),
            1);
        QVERIFY(QTest::qWaitFor([&] { return lastState() == SendState::Pending; }, 5000));
        QVERIFY(settled.wait(5000));
        QCOMPARE(settled.constLast().at(2).toBool(), true);
        QCOMPARE(m_whatsapp->sent.size(), sentBefore + 1);
        QVERIFY(QTest::qWaitFor([&] { return lastState() == SendState::Sent; }, 5000));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 0);
    }

    void failedSend_retryIsInTheContextMenuToo()
    {
        m_whatsapp->failWith = QStringLiteral("HTTP 400 recipient not allowed");
        QSignalSpy settled(m_engine.get(), &ConversationEngine::outboundSettled);
        write(QStringLiteral("Hello?"));
        QVERIFY(settled.wait(5000));
        QVERIFY(QTest::qWaitFor([&] { return lastState() == SendState::Failed; }, 5000));
        view()->scrollTo(lastRow());
        const std::unique_ptr<QMenu> menu(view()->createContextMenu(view()->visualRect(lastRow()).center()));
        QVERIFY(menu);
        auto* retry = menu->findChild<QAction*>(QStringLiteral("retrySendAction"));
        QVERIFY(retry);
        m_whatsapp->failWith.clear();
        retry->trigger();
        QVERIFY(settled.wait(5000));
        QCOMPARE(settled.constLast().at(2).toBool(), true);
        QCOMPARE(m_whatsapp->sent.constLast().second, QStringLiteral("Hello?"));
    }
};

QTEST_MAIN(tst_Replies)
#include "tst_replies.moc"
