// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "conversationengine.h"
#include "deliverystore.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "pipelinewait.h"
#include "ruleagent.h"
#include "testdatabase.h"
#include "transcriptmodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;

class tst_TranscriptModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    Bot m_bot;
    test::FakeChannel m_whatsapp;
    ChannelRegistry m_channels;
    RuleAgent m_agent;
    std::unique_ptr<ConversationEngine> m_engine;

    QString customer(const QString& text)
    {
        auto id = test::receiveAndDecide(*m_engine, *m_store, QStringLiteral("whatsapp"),
                                         QStringLiteral("5511999990000"), QStringLiteral("Maria"), text,
                                         QDateTime());
        if (!id)
            qFatal("receive failed: %s", qPrintable(id.error()));
        return *id;
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_bot = m_store->ensureBot(QStringLiteral("Luna Café")).value();
        m_channels.add(&m_whatsapp);
        m_engine = std::make_unique<ConversationEngine>(*m_store, m_agent, m_channels, m_bot);
    }
    void cleanup()
    {
        m_engine.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void longConversation_opensNewestPageThenFetchesOlder()
    {
        auto c = m_store->upsertConversation(m_bot.id, QStringLiteral("whatsapp"), QStringLiteral("1"),
                                             QStringLiteral("Long"), 1000);
        QVERIFY(c);
        QSqlDatabase db = m_db->connection();
        QVERIFY(db.transaction());
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO messages (conversation_id, role, content, at_ms) VALUES (?, ?, ?, ?)"));
        for (int i = 0; i < 5000; ++i) {
            q.addBindValue(c->id);
            q.addBindValue(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"));
            q.addBindValue(QStringLiteral("message %1").arg(i));
            q.addBindValue(1000 + i);
            QVERIFY(q.exec());
        }
        QVERIFY(db.commit());

        TranscriptModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QElapsedTimer timer;
        timer.start();
        model.setConversation(c->id);
        qInfo("opened a 5000-message conversation in %lld ms", timer.elapsed());
        QCOMPARE(model.rowCount(), TranscriptModel::kDefaultPageSize);
        QCOMPARE(model.index(model.rowCount() - 1).data().toString(), QStringLiteral("message 4999"));
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0); // prepended
        QCOMPARE(model.rowCount(), 2 * TranscriptModel::kDefaultPageSize);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("message 0"));
    }

    void liveMessages_appendAndHandoffCarriesItsEvent()
    {
        const QString id = customer(QStringLiteral("Hello <b>there</b> & <img src=x>"));
        TranscriptModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(id);
        QCOMPARE(model.rowCount(), 2); // customer + bot's canned reply
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Hello <b>there</b> & <img src=x>"));
        QCOMPARE(model.index(1).data(TranscriptRoles::RoleRole).value<MessageRole>(), MessageRole::Assistant);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        customer(QStringLiteral("Can I talk to a person?"));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!inserted.isEmpty());
        const QModelIndex handoff = model.index(3);
        QVERIFY(handoff.data(TranscriptRoles::HandoffEventIdRole).toLongLong() > 0);
        QCOMPARE(handoff.data(TranscriptRoles::HandoffReasonRole).value<HandoffReason>(),
                 HandoffReason::Handoff);
        QCOMPARE(handoff.data(TranscriptRoles::DeliveryOutcomeRole).value<DeliveryOutcome>(),
                 DeliveryOutcome::Pending);
        QCOMPARE(handoff.data(TranscriptRoles::HandoffResolvedAtMsRole).toLongLong(), 0);
        QCOMPARE(model.index(2).data(TranscriptRoles::HandoffEventIdRole).toLongLong(), 0);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_engine->resolve(id, QStringLiteral("operator")));
        QVERIFY(!changed.isEmpty());
        QVERIFY(model.index(3).data(TranscriptRoles::HandoffResolvedAtMsRole).toLongLong() > 0);
        // The attempts the transcript shows are the ones recorded, in order, field for field.
        const qint64 eventId = handoff.data(TranscriptRoles::HandoffEventIdRole).toLongLong();
        QVERIFY(model.deliveryAttempts(eventId)->isEmpty());
        DeliveryStore deliveries(*m_db);
        DeliveryAttempt first{0,
                              eventId,
                              1000,
                              500,
                              QStringLiteral("HTTP 500 Internal Server Error"),
                              40,
                              QStringLiteral("first")};
        DeliveryAttempt retry{0, eventId, 31000, 200, QString(), 12, QStringLiteral("retry")};
        QVERIFY(deliveries.recordAttempt(first, {std::nullopt, 31000}));
        QVERIFY(deliveries.recordAttempt(retry, {DeliveryOutcome::Sent, std::nullopt}));
        const QList<DeliveryAttempt> attempts = model.deliveryAttempts(eventId).value();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).httpStatus, 500);
        QCOMPARE(attempts.at(0).error, first.error);
        QCOMPARE(attempts.at(0).durationMs, 40);
        QCOMPARE(attempts.at(0).kind, QStringLiteral("first"));
        QCOMPARE(attempts.at(1).attemptedAtMs, 31000);
        QCOMPARE(attempts.at(1).kind, QStringLiteral("retry"));
        // The card's "after N attempts" counts the same rows.
        model.refreshHandoffs();
        QCOMPARE(model.index(3).data(TranscriptRoles::DeliveryAttemptCountRole).toInt(), 2);
        QCOMPARE(model.index(3).data(TranscriptRoles::DeliveryOutcomeRole).value<DeliveryOutcome>(),
                 DeliveryOutcome::Sent);
    }

    void otherConversation_isIgnored()
    {
        const QString id = customer(QStringLiteral("hi"));
        TranscriptModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(id);
        const int rows = model.rowCount();
        QVERIFY(test::receiveAndDecide(*m_engine, *m_store, QStringLiteral("whatsapp"),
                                       QStringLiteral("other"), QStringLiteral("Other"),
                                       QStringLiteral("hello"), QDateTime()));
        QCOMPARE(model.rowCount(), rows);
        model.setConversation(QString());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_TranscriptModel)
#include "tst_transcriptmodel.moc"
