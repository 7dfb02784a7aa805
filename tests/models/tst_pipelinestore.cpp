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
        needsHuman.view = InboxView::NeedsHuman;
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

    // The kept counts, Mine for two operators included, agree with a real count after every step of
    // every write path: new and returning customers, a handoff, a takeover, resolving, giving back,
    // undoing either, a handoff after a resolution, assigning, a reply that assigns, a deleted row.
    void keptCounts_matchARealCount_throughEveryWritePath_data()
    {
        QTest::addColumn<QStringList>("steps");
        const auto row = [](const char* name, const QString& steps) {
            QTest::newRow(name) << steps.split(u' ');
        };
        row("new-and-returning-customers", QStringLiteral("receive receive-other receive"));
        row("handoff", QStringLiteral("receive handoff"));
        row("takeover-by-reply", QStringLiteral("receive reply-ana"));
        row("resolve-handoff", QStringLiteral("receive handoff resolve-ana"));
        row("give-back-takeover", QStringLiteral("receive reply-ana resolve-ana"));
        row("undo-resolve-handoff", QStringLiteral("receive handoff resolve-ana reopen"));
        row("undo-give-back", QStringLiteral("receive reply-ana resolve-bo reopen"));
        row("handoff-after-resolve", QStringLiteral("receive handoff resolve-ana receive handoff"));
        row("reply-in-handoff-assigns", QStringLiteral("receive handoff reply-bo reply-ana"));
        row("assign-reassign-unassign",
            QStringLiteral("receive handoff assign-ana assign-ana assign-bo unassign resolve-bo"));
        row("assign-resolved", QStringLiteral("receive handoff resolve-ana assign-bo reopen"));
        row("upsert", QStringLiteral("upsert receive"));
        row("delete", QStringLiteral("receive handoff assign-ana receive-other delete"));
    }
    void keptCounts_matchARealCount_throughEveryWritePath()
    {
        QFETCH(QStringList, steps);
        const QString notResolved = QStringLiteral("(status <> 'bot' OR resolved_at_ms IS NULL)");
        const auto realCounts = [&](const QString& me) {
            ConversationStore::Counts c;
            c.all = count(QStringLiteral("SELECT COUNT(*) FROM conversations"));
            c.needsHuman =
                count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE status = 'handoff'"));
            c.operatorHas =
                count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE status = 'operator'"));
            c.botHas = count(QStringLiteral(
                "SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NULL"));
            c.resolved = count(QStringLiteral(
                "SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NOT NULL"));
            c.mine = count(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE assignee = '%1' AND %2")
                               .arg(me, notResolved));
            return c;
        };
        const auto text = [](const ConversationStore::Counts& c) {
            return QStringLiteral("all %1 handoff %2 operator %3 bot %4 resolved %5 mine %6")
                .arg(c.all)
                .arg(c.needsHuman)
                .arg(c.operatorHas)
                .arg(c.botHas)
                .arg(c.resolved)
                .arg(c.mine);
        };
        QString lastId;
        qint64 now = 1000;
        for (const QString& step : steps) {
            ++now;
            bool done = true;
            if (step == QLatin1String("receive")) {
                lastId = receive(QStringLiteral("hi %1").arg(now), now).conversation.id;
            } else if (step == QLatin1String("receive-other")) {
                done = bool(m_pipeline->storeInbound(
                    m_bot.id, fromCustomer(QStringLiteral("hello"), {}, QStringLiteral("2")), now));
            } else if (step == QLatin1String("handoff")) {
                const qint64 seq = count(
                    QStringLiteral("SELECT MAX(seq) FROM messages WHERE conversation_id = '%1'").arg(lastId));
                done = bool(m_pipeline->decideHandoff(lastId, seq, QStringLiteral("Wait"),
                                                      HandoffReason::Escalate, now, timesOf));
            } else if (step.startsWith(QLatin1String("reply-"))) {
                done = bool(m_pipeline->recordOperatorReply(lastId, QStringLiteral("Hi"), step.mid(6), now));
            } else if (step.startsWith(QLatin1String("resolve-"))) {
                done = bool(m_store->resolve(lastId, step.mid(8), now));
            } else if (step == QLatin1String("reopen")) {
                done = bool(m_store->reopen(lastId));
            } else if (step.startsWith(QLatin1String("assign-"))) {
                done = bool(m_store->assign(lastId, step.mid(7)));
            } else if (step == QLatin1String("unassign")) {
                done = bool(m_store->assign(lastId, {}));
            } else if (step == QLatin1String("upsert")) {
                done = bool(m_store->upsertConversation(m_bot.id, QStringLiteral("telegram"),
                                                        QStringLiteral("9"), QStringLiteral("Cid"), now));
            } else if (step == QLatin1String("delete")) {
                done = QSqlQuery(m_db->connection())
                           .exec(QStringLiteral("DELETE FROM conversations WHERE id = '%1'").arg(lastId));
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown step ") + step));
            }
            QVERIFY2(done, qPrintable(step));
            for (const QString& me : {QStringLiteral("ana"), QStringLiteral("bo")}) {
                const ConversationStore::Counts kept = m_store->counts(me).value();
                const ConversationStore::Counts real = realCounts(me);
                QVERIFY2(kept == real, qPrintable(QStringLiteral("after %1, for %2: kept %3; real %4")
                                                      .arg(step, me, text(kept), text(real))));
            }
        }
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
