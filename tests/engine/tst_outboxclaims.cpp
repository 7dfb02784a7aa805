// SPDX-License-Identifier: Apache-2.0
#include "channeloutboxstore.h"
#include "channelregistry.h"
#include "fakechannel.h"
#include "outboundsender.h"
#include "pipelinestore.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <latch>
#include <thread>

using namespace zapito;

namespace {
constexpr qint64 kLongLease = 600'000;
constexpr qint64 kNow = 1'780'000'000'000;
} // namespace

// The channel outbox with many processes on one store: each message is claimed (a lease on the
// store's clock and a fencing token) before it is sent, so one process sends it, and a process
// whose lease ran out records nothing over the one that took the message next.
class tst_OutboxClaims : public QObject
{
    Q_OBJECT

    // One process's worth of the store: its own Database and connection.
    struct Process
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<ConversationStore> store;
        std::unique_ptr<PipelineStore> pipeline;
        std::unique_ptr<ChannelOutboxStore> outbox;
    };
    std::unique_ptr<test::TestDatabase> m_tmp;
    Process m_here;
    Bot m_bot;

    Process open() const
    {
        Process p;
        p.db = m_tmp->open();
        if (!p.db)
            return p;
        p.store = std::make_unique<ConversationStore>(*p.db);
        p.pipeline = std::make_unique<PipelineStore>(*p.store);
        p.outbox = std::make_unique<ChannelOutboxStore>(*p.store);
        return p;
    }

    // A conversation with one operator reply waiting in the outbox; the reply's message id.
    qint64 queuedReply(const QString& externalId)
    {
        const auto c = m_here.store->upsertConversation(m_bot.id, QStringLiteral("whatsapp"), externalId,
                                                        QStringLiteral("Maria"), kNow);
        if (!c)
            qFatal("upsertConversation failed: %s", qPrintable(c.error()));
        const auto reply = m_here.pipeline->recordOperatorReply(c->id, QStringLiteral("On my way"), {}, kNow);
        if (!reply)
            qFatal("recordOperatorReply failed: %s", qPrintable(reply.error()));
        return reply->message.id;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_here = open();
        QVERIFY(m_here.db);
        m_bot = m_here.store->ensureBot(QStringLiteral("Luna Café")).value();
    }
    void cleanup()
    {
        m_here = {};
        m_tmp.reset();
    }

    void claim_takesADueMessageOnce_andAnExpiredLeaseAgain()
    {
        const qint64 id = queuedReply(QStringLiteral("5511999990000"));
        const QString conversation = m_here.store->message(id)->conversationId;
        const qint64 due = m_here.outbox->head(conversation).value()->dueAtMs;
        QVERIFY(!m_here.outbox->claim(id, due - 1, kLongLease).value().has_value()); // not due yet
        const auto first = m_here.outbox->claim(id, due, 0).value();                 // over at once
        QVERIFY(first.has_value());
        const auto second = m_here.outbox->claim(id, due, kLongLease).value();
        QVERIFY(second.has_value());
        QVERIFY(*second > *first);
        QVERIFY(!m_here.outbox->claim(id, due, kLongLease).value().has_value()); // held
        QVERIFY(!m_here.outbox->claim(id + 1000, due, kLongLease).value().has_value());
    }

    void staleHoldersResult_isDiscarded_theCurrentOneCounts()
    {
        const qint64 id = queuedReply(QStringLiteral("5511999990000"));
        Process other = open(); // a second process on the store
        QVERIFY(other.db);
        const auto stale = m_here.outbox->claim(id, kNow, 0).value();
        QVERIFY(stale.has_value());
        const auto current = other.outbox->claim(id, kNow, kLongLease).value();
        QVERIFY(current.has_value());

        QSignalSpy changed(m_here.store.get(), &ConversationStore::messageChanged);
        QVERIFY(!m_here.outbox->renewLease(id, *stale, kLongLease).value());
        QVERIFY(other.outbox->renewLease(id, *current, kLongLease).value());
        QVERIFY(!m_here.outbox->retryLater(id, *stale, kNow + 5000).value());
        const auto lost = m_here.outbox->settle(id, *stale, false, QStringLiteral("blocked"), kNow).value();
        QVERIFY(lost.claimLost);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Pending);

        const auto settled = other.outbox->settle(id, *current, true, {}, kNow).value();
        QVERIFY(!settled.claimLost);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Sent);
        // Settled: the claim is over, and so is the message's place in the outbox.
        QVERIFY(other.outbox->settle(id, *current, false, QStringLiteral("late"), kNow).value().claimLost);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Sent);
    }

    void failedSend_endsTheClaim_andTheNextClaimCountsOn()
    {
        const qint64 id = queuedReply(QStringLiteral("5511999990000"));
        const auto first = m_here.outbox->claim(id, kNow, kLongLease).value();
        QVERIFY(first.has_value());
        QVERIFY(m_here.outbox->retryLater(id, *first, kNow + 5000).value());
        QVERIFY(!m_here.outbox->retryLater(id, *first, kNow + 5000).value()); // the claim ended with it
        QVERIFY(!m_here.outbox->claim(id, kNow + 4999, kLongLease).value().has_value());
        const auto second = m_here.outbox->claim(id, kNow + 5000, kLongLease).value(); // free, due again
        QVERIFY(second.has_value());
        QVERIFY(*second > *first);
    }

    void sentAgainAfterAFailure_anEarlierTokenNeverMatches()
    {
        const qint64 id = queuedReply(QStringLiteral("5511999990000"));
        const auto first = m_here.outbox->claim(id, kNow, kLongLease).value();
        QVERIFY(first.has_value());
        QVERIFY(!m_here.outbox->settle(id, *first, false, QStringLiteral("blocked"), kNow)->claimLost);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Failed);
        QVERIFY(m_here.outbox->requeueFailed(id, kNow + 10));
        const auto again = m_here.outbox->claim(id, kNow + 10, kLongLease).value();
        QVERIFY(again.has_value());
        QVERIFY(*again > *first);
        QVERIFY(m_here.outbox->settle(id, *first, false, QStringLiteral("late"), kNow)->claimLost);
        QVERIFY(!m_here.outbox->retryLater(id, *first, kNow).value());
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Pending);
        QVERIFY(!m_here.outbox->settle(id, *again, true, {}, kNow + 20)->claimLost);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Sent);
    }

    void claimsFromTwoProcesses_takeEachMessageOnce()
    {
        QList<qint64> ids;
        for (int i = 0; i < 30; ++i)
            ids.append(queuedReply(QStringLiteral("55119000%1").arg(i)));
        std::latch start(2);
        QList<qint64> mine[2];
        QString errors[2];
        auto run = [&](int i) {
            DatabaseOpenError error;
            auto db = Database::open(m_tmp->path(), &error);
            if (!db) {
                errors[i] = error.message;
                start.count_down();
                return;
            }
            ConversationStore store(*db);
            ChannelOutboxStore outbox(store);
            start.arrive_and_wait();
            for (const qint64 id : ids) {
                const auto claimed = outbox.claim(id, kNow, kLongLease);
                if (!claimed)
                    errors[i] = claimed.error();
                else if (claimed->has_value())
                    mine[i].append(id);
            }
        };
        std::thread a(run, 0);
        std::thread b(run, 1);
        a.join();
        b.join();
        QVERIFY2(errors[0].isEmpty() && errors[1].isEmpty(), qPrintable(errors[0] + errors[1]));
        QList<qint64> all = mine[0] + mine[1];
        std::sort(all.begin(), all.end());
        QCOMPARE(all, ids);
    }

    // Two leaders' worth of senders (a stalled one and the one that took over) at the same head:
    // the customer gets the message once.
    void twoSendersAtOneHead_sendOnce()
    {
        const qint64 id = queuedReply(QStringLiteral("5511999990000"));
        const QString conversation = m_here.store->message(id)->conversationId;
        Process other = open();
        QVERIFY(other.db);
        test::FakeChannel channelHere;
        test::FakeChannel channelThere;
        channelHere.delay = std::chrono::milliseconds(20);
        ChannelRegistry here;
        here.add(&channelHere);
        ChannelRegistry there;
        there.add(&channelThere);
        const auto clock = [] { return kNow; };
        OutboundSender senderHere(*m_here.outbox, here, clock);
        OutboundSender senderThere(*other.outbox, there, clock);
        QSignalSpy settledHere(&senderHere, &OutboundSender::settled);
        senderHere.kick(conversation);
        senderThere.kick(conversation);
        QVERIFY(settledHere.wait(5000));
        QCOMPARE(channelHere.sent.size() + channelThere.sent.size(), 1);
        QCOMPARE(m_here.store->message(id)->sendState, SendState::Sent);
        senderThere.kick(conversation); // settled: nothing left to send
        QSignalSpy answered(&channelThere, &test::FakeChannel::answered);
        QVERIFY(!answered.wait(300));
        QCOMPARE(channelHere.sent.size() + channelThere.sent.size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_OutboxClaims)
#include "tst_outboxclaims.moc"
