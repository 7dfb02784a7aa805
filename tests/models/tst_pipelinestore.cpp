// SPDX-License-Identifier: Apache-2.0
#include "channeloutboxstore.h"
#include "deliverystore.h"
#include "pipelinestore.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace zapito;

namespace {

// The part of a webhook body these tests look at: each transcript message's time, in order.
QByteArray timesOf(const Bot&, const Conversation&, const QList<Message>& transcript, HandoffReason, qint64)
{
    QJsonArray times;
    for (const Message& m : transcript)
        times.append(m.atMs);
    return QJsonDocument(QJsonObject{{QStringLiteral("times"), times}}).toJson(QJsonDocument::Compact);
}

CustomerMessage fromCustomer(const QString& text, const QString& externalMessageId = {},
                             const QString& externalId = QStringLiteral("5511999990000"))
{
    CustomerMessage m;
    m.channel = QStringLiteral("whatsapp");
    m.externalId = externalId;
    m.contactName = QStringLiteral("Maria");
    m.text = text;
    m.at = QDateTime::fromSecsSinceEpoch(1'780'000'000, Qt::UTC); // the channel's whole seconds
    m.externalMessageId = externalMessageId;
    return m;
}

} // namespace

class tst_PipelineStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<PipelineStore> m_pipeline;
    std::unique_ptr<ChannelOutboxStore> m_outbox;
    std::unique_ptr<DeliveryStore> m_deliveries;
    Bot m_bot;

    PipelineStore::Inbound receive(const QString& text, qint64 nowMs, const QString& externalMessageId = {})
    {
        auto stored = m_pipeline->storeInbound(m_bot.id, fromCustomer(text, externalMessageId), nowMs);
        if (!stored)
            qFatal("storeInbound failed: %s", qPrintable(stored.error()));
        return *stored;
    }

    int count(const QString& sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("count failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_pipeline = std::make_unique<PipelineStore>(*m_store);
        m_outbox = std::make_unique<ChannelOutboxStore>(*m_store);
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_bot = m_store->ensureBot(QStringLiteral("Luna Café")).value();
    }
    void cleanup()
    {
        m_deliveries.reset();
        m_outbox.reset();
        m_pipeline.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void storeInbound_whileBotHasIt_isUndecidedWithStoreTimeAndChannelTime()
    {
        QSignalSpy added(m_store.get(), &ConversationStore::messageAdded);
        const auto in = receive(QStringLiteral("Hi"), 1'780'000'000'123);
        QVERIFY(!in.duplicate);
        QCOMPARE(in.message.seq, 1);
        QVERIFY(!in.message.decided);
        QCOMPARE(in.message.atMs, 1'780'000'000'123);
        QCOMPARE(in.message.channelAtMs.value_or(0), 1'780'000'000'000);
        QCOMPARE(added.count(), 1);
        QCOMPARE(m_pipeline->conversationsAwaitingDecision().value(), QStringList{in.conversation.id});
    }

    void storeInbound_nullText_isStoredEmpty()
    {
        const auto in = receive(QString(), 1000);
        QCOMPARE(m_store->message(in.message.id)->content, QString());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
    }

    void storeInbound_duplicate_writesNothingAndStaysUndecided()
    {
        const auto first = receive(QStringLiteral("Hi"), 1000, QStringLiteral("wamid.1"));
        const auto again = receive(QStringLiteral("Hi"), 2000, QStringLiteral("wamid.1"));
        QVERIFY(again.duplicate);
        QCOMPARE(again.message.id, first.message.id);
        QVERIFY(!again.message.decided); // the redelivery after a crash still gets its answer
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
    }

    void storeInbound_whileHumanHasIt_isDecidedSilently()
    {
        const auto in = receive(QStringLiteral("crash"), 1000);
        QVERIFY(m_pipeline
                    ->decideHandoff(in.conversation.id, in.message.seq, QStringLiteral("Connecting you"),
                                    HandoffReason::ModelError, 1100, timesOf)
                    ->handoff);
        const auto later = receive(QStringLiteral("what time do you open"), 1200);
        QVERIFY(later.message.decided);
        QVERIFY(m_pipeline->conversationsAwaitingDecision()->isEmpty());
    }

    void sequence_isPerConversation_andTimesNeverGoBack()
    {
        receive(QStringLiteral("one"), 5000);
        const auto two = receive(QStringLiteral("two"), 4000); // the clock stepped back
        QCOMPARE(two.message.seq, 2);
        QCOMPARE(two.message.atMs, 5000);
        auto other = m_pipeline->storeInbound(
            m_bot.id, fromCustomer(QStringLiteral("elsewhere"), {}, QStringLiteral("5511888880000")), 6000);
        QCOMPARE(other->message.seq, 1);
    }

    void pending_burst_isDecidedOnceUpToTheNewest()
    {
        QString conversationId;
        for (int i = 1; i <= 12; ++i)
            conversationId = receive(QStringLiteral("message %1").arg(i), 1000 + i).conversation.id;
        auto pending = m_pipeline->pending(conversationId, 20);
        QVERIFY(pending && *pending);
        QCOMPARE((*pending)->uptoSeq, 12);
        QCOMPARE((*pending)->transcript.size(), 12);
        QCOMPARE((*pending)->transcript.constFirst().content, QStringLiteral("message 1"));
        auto decided = m_pipeline->decideReply(conversationId, 12, QStringLiteral("Hello!"), 2000);
        QVERIFY(decided && decided->message);
        QCOMPARE(decided->message->seq, 13);
        QCOMPARE(decided->message->sendState, SendState::Pending);
        QVERIFY(!m_pipeline->pending(conversationId, 20).value());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM channel_outbox")), 1);
    }

    void pending_messageArrivingDuringDecision_staysForTheNextOne()
    {
        const auto first = receive(QStringLiteral("first"), 1000);
        receive(QStringLiteral("second"), 1001); // arrives while "first" is being decided
        QVERIFY(m_pipeline->decideReply(first.conversation.id, first.message.seq, QStringLiteral("A"), 1002));
        auto next = m_pipeline->pending(first.conversation.id, 20).value();
        QVERIFY(next);
        QCOMPARE(next->uptoSeq, 2);
    }

    void decideHandoff_webhookWaitsForTheHandoffMessage()
    {
        const auto in = receive(QStringLiteral("a person please"), 1000);
        auto decided =
            m_pipeline->decideHandoff(in.conversation.id, in.message.seq, QStringLiteral("Connecting you"),
                                      HandoffReason::Handoff, 1100, timesOf);
        QVERIFY(decided && decided->handoff);
        QVERIFY(!QUuid::fromString(decided->handoff->deliveryId).isNull());
        QCOMPARE(m_store->conversation(in.conversation.id)->status, ConversationStatus::Handoff);
        QVERIFY(m_deliveries->dueRows(std::numeric_limits<qint64>::max())->isEmpty());

        auto head = m_outbox->head(in.conversation.id).value();
        QVERIFY(head);
        QCOMPARE(head->messageId, decided->message->id);
        QSignalSpy changed(m_store.get(), &ConversationStore::messageChanged);
        auto settled = m_outbox->settle(head->messageId, true, {}, 1200);
        QVERIFY(settled);
        QCOMPARE(settled->webhooksDue, QList<qint64>{decided->handoff->id});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_store->message(head->messageId)->sendState, SendState::Sent);
        QCOMPARE(m_deliveries->dueRows(1200)->size(), 1);
    }

    void settleFailed_stillReleasesTheLead()
    {
        const auto in = receive(QStringLiteral("a person please"), 1000);
        auto decided = m_pipeline->decideHandoff(in.conversation.id, in.message.seq, QStringLiteral("Wait"),
                                                 HandoffReason::Handoff, 1100, timesOf);
        auto settled = m_outbox->settle(decided->message->id, false, QStringLiteral("blocked by user"), 1200);
        QCOMPARE(settled->webhooksDue.size(), 1);
        const Message m = m_store->message(decided->message->id).value();
        QCOMPARE(m.sendState, SendState::Failed);
        QCOMPARE(m.sendError, QStringLiteral("blocked by user"));
    }

    void decide_afterAHumanTookIt_isDiscarded_data()
    {
        QTest::addColumn<bool>("handoff");
        QTest::newRow("reply") << false;
        QTest::newRow("second-handoff") << true;
    }
    void decide_afterAHumanTookIt_isDiscarded()
    {
        QFETCH(bool, handoff);
        const auto in = receive(QStringLiteral("hello"), 1000);
        QVERIFY(m_pipeline->recordOperatorReply(in.conversation.id, QStringLiteral("Carla here"),
                                                QStringLiteral("Carla"), 1050));
        auto decided = handoff ? m_pipeline->decideHandoff(in.conversation.id, in.message.seq,
                                                           QStringLiteral("Connecting"),
                                                           HandoffReason::ModelError, 1100, timesOf)
                               : m_pipeline->decideReply(in.conversation.id, in.message.seq,
                                                         QStringLiteral("Bot answer"), 1100);
        QVERIFY(decided);
        QVERIFY(decided->discarded);
        QVERIFY(!decided->message);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE role = 'assistant'")), 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM handoff_events")), 0);
        QVERIFY(!m_pipeline->pending(in.conversation.id, 20).value());
    }

    void operatorReply_takesOverFromTheBot_untilResolved()
    {
        const auto in = receive(QStringLiteral("hello"), 1000);
        auto reply = m_pipeline->recordOperatorReply(in.conversation.id, QStringLiteral("Carla here"),
                                                     QStringLiteral("Carla"), 1050);
        QVERIFY(reply && reply->tookOver);
        QCOMPARE(reply->message.author, QStringLiteral("Carla"));
        QCOMPARE(m_store->conversation(in.conversation.id)->status, ConversationStatus::Operator);
        ConversationFilter needsHuman;
        needsHuman.needsHumanOnly = true;
        QVERIFY(m_store->conversationsPage(needsHuman, 10)->isEmpty()); // the agent's escalations only
        QVERIFY(receive(QStringLiteral("thanks"), 1100).message.decided);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM handoff_events")), 0);

        auto resolved = m_store->resolve(in.conversation.id, QStringLiteral("Carla"), 1200);
        QVERIFY(resolved);
        QVERIFY(!resolved->event);
        QCOMPARE(m_store->conversation(in.conversation.id)->status, ConversationStatus::Bot);
        QVERIFY(!receive(QStringLiteral("one more question"), 1300).message.decided);
    }

    void resolve_secondTime_isRefusedAndChangesNothing()
    {
        const auto in = receive(QStringLiteral("a person please"), 1000);
        QVERIFY(m_pipeline->decideHandoff(in.conversation.id, in.message.seq, QStringLiteral("Wait"),
                                          HandoffReason::Handoff, 1100, timesOf));
        QVERIFY(m_store->resolve(in.conversation.id, QStringLiteral("Carla"), 1200)->event);
        QVERIFY(!m_store->resolve(in.conversation.id, QStringLiteral("Ana"), 1300));
        QCOMPARE(m_store->handoffEvents(in.conversation.id)->constFirst().resolvedBy,
                 QStringLiteral("Carla"));
    }

    void outbox_head_isTheConversationsOldestUnsent()
    {
        const auto in = receive(QStringLiteral("hi"), 1000);
        auto a = m_pipeline->recordOperatorReply(in.conversation.id, QStringLiteral("A"), {}, 1001);
        auto b = m_pipeline->recordOperatorReply(in.conversation.id, QStringLiteral("B"), {}, 1002);
        QCOMPARE(m_outbox->head(in.conversation.id).value()->messageId, a->message.id);
        QVERIFY(m_outbox->retryLater(a->message.id, 5000));
        QCOMPARE(m_outbox->head(in.conversation.id).value()->attemptsMade, 1); // still first: order holds
        QVERIFY(m_outbox->settle(a->message.id, true, {}, 5000));
        QCOMPARE(m_outbox->head(in.conversation.id).value()->messageId, b->message.id);
        QCOMPARE(m_outbox->conversationsWithOutbound().value(), QStringList{in.conversation.id});
    }

    // The kept counts agree with a real count after every kind of write: new and returning
    // customers, a handoff, a takeover, resolving, giving back, a deleted conversation.
    void keptCounts_matchARealCount_throughEveryWritePath()
    {
        const auto realCounts = [this] {
            ConversationStore::Counts c;
            c.all = count(QStringLiteral("SELECT COUNT(*) FROM conversations"));
            c.needsHuman =
                count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE status = 'handoff'"));
            c.operatorHas =
                count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE status = 'operator'"));
            c.botHas = count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE status = 'bot'"));
            return c;
        };
        const auto check = [&](const char* step) {
            const ConversationStore::Counts kept = m_store->counts().value();
            const ConversationStore::Counts real = realCounts();
            QVERIFY2(kept == real, qPrintable(QStringLiteral("%1: kept %2/%3/%4/%5, real %6/%7/%8/%9")
                                                  .arg(QLatin1String(step))
                                                  .arg(kept.all)
                                                  .arg(kept.needsHuman)
                                                  .arg(kept.operatorHas)
                                                  .arg(kept.botHas)
                                                  .arg(real.all)
                                                  .arg(real.needsHuman)
                                                  .arg(real.operatorHas)
                                                  .arg(real.botHas)));
        };
        check("empty");
        const auto a = receive(QStringLiteral("hi"), 1000);
        auto b = m_pipeline->storeInbound(
            m_bot.id, fromCustomer(QStringLiteral("hello"), {}, QStringLiteral("2")), 1001);
        QVERIFY(b);
        check("two new customers");
        receive(QStringLiteral("again"), 1002);
        check("a returning customer");
        QVERIFY(m_pipeline->decideHandoff(a.conversation.id, 2, QStringLiteral("Wait"),
                                          HandoffReason::Handoff, 1003, timesOf));
        check("handoff");
        QVERIFY(m_pipeline->recordOperatorReply(b->conversation.id, QStringLiteral("Hi"),
                                                QStringLiteral("Ana"), 1004));
        check("takeover");
        QVERIFY(m_store->resolve(a.conversation.id, QStringLiteral("Ana"), 1005));
        check("resolved");
        QVERIFY(m_store->resolve(b->conversation.id, QStringLiteral("Ana"), 1006));
        check("given back");
        QVERIFY(m_store->upsertConversation(m_bot.id, QStringLiteral("telegram"), QStringLiteral("9"),
                                            QStringLiteral("Cid"), 1007));
        check("upsert");
        QVERIFY(
            QSqlQuery(m_db->connection())
                .exec(QStringLiteral("DELETE FROM conversations WHERE id = '%1'").arg(a.conversation.id)));
        check("deleted");
        QCOMPARE(m_store->counts()->all, 2);
    }

    void webhookTranscript_isOrderedBySequence_withTimesThatNeverGoBack()
    {
        QString conversationId;
        // Channel timestamps are whole seconds and may lie; the store's times are what counts.
        for (int i = 0; i < 12; ++i)
            conversationId = receive(QStringLiteral("m%1").arg(i), 10'000 - i).conversation.id;
        auto decided = m_pipeline->decideHandoff(conversationId, 12, QStringLiteral("Connecting"),
                                                 HandoffReason::Handoff, 10'050, timesOf);
        const QByteArray body = m_deliveries->payload(decided->handoff->id).value();
        const QJsonArray times =
            QJsonDocument::fromJson(body).object().value(QStringLiteral("times")).toArray();
        QCOMPARE(times.size(), ConversationStore::kTranscriptLength);
        for (int i = 1; i < times.size(); ++i)
            QVERIFY(times.at(i).toInteger() >= times.at(i - 1).toInteger());
    }
};

QTEST_GUILESS_MAIN(tst_PipelineStore)
#include "tst_pipelinestore.moc"
