// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "conversationengine.h"
#include "deliverystore.h"
#include "fakechannel.h"
#include "inboxroles.h"
#include "modelwait.h"
#include "pipelinewait.h"
#include "ruleagent.h"
#include "testdatabase.h"
#include "transcriptmodel.h"

#include <QAbstractItemModelTester>
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

    bool settled() { return test::waitForReader(m_store->reader()); }
    // The attempts as the transcript reads them: off the GUI thread, delivered by signal.
    static QList<DeliveryAttempt> attemptsOf(TranscriptModel& model, qint64 eventId)
    {
        QSignalSpy read(&model, &TranscriptModel::deliveryAttemptsRead);
        model.requestDeliveryAttempts(eventId);
        if (!read.wait(5000) || read.constFirst().at(0).toLongLong() != eventId)
            return {DeliveryAttempt{}, DeliveryAttempt{}, DeliveryAttempt{}}; // fails any comparison
        return read.constFirst().at(1).value<QList<DeliveryAttempt>>();
    }
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
        model.setConversation(c->id);
        QVERIFY(model.isLoading());
        QVERIFY(test::waitForTranscript(model));
        QCOMPARE(model.rowCount(), TranscriptModel::kDefaultPageSize);
        QCOMPARE(model.index(model.rowCount() - 1).data().toString(), QStringLiteral("message 4999"));
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        model.fetchMore({}); // asked twice while the page is on its way: read once
        QVERIFY(settled());
        QVERIFY(!inserted.isEmpty());
        QCOMPARE(inserted.at(0).at(1).toInt(), 0); // prepended
        QCOMPARE(model.rowCount(), (1 + int(inserted.size())) * TranscriptModel::kDefaultPageSize);
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QVERIFY(settled());
        }
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("message 0"));
    }

    void liveMessages_appendAndHandoffCarriesItsEvent()
    {
        const QString id = customer(QStringLiteral("Hello <b>there</b> & <img src=x>"));
        TranscriptModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConversation(id);
        QVERIFY(test::waitForTranscript(model));
        QCOMPARE(model.rowCount(), 2); // customer + bot's canned reply
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Hello <b>there</b> & <img src=x>"));
        QCOMPARE(model.index(1).data(TranscriptRoles::RoleRole).value<MessageRole>(), MessageRole::Assistant);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        customer(QStringLiteral("Can I talk to a person?"));
        QVERIFY(settled());
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
        QVERIFY(settled());
        QVERIFY(!changed.isEmpty());
        QVERIFY(model.index(3).data(TranscriptRoles::HandoffResolvedAtMsRole).toLongLong() > 0);
        // The attempts the transcript shows are the ones recorded, in order, field for field.
        const qint64 eventId = handoff.data(TranscriptRoles::HandoffEventIdRole).toLongLong();
        QCOMPARE(attemptsOf(model, eventId).size(), 0);
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
        const QList<DeliveryAttempt> attempts = attemptsOf(model, eventId);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).httpStatus, 500);
        QCOMPARE(attempts.at(0).error, first.error);
        QCOMPARE(attempts.at(0).durationMs, 40);
        QCOMPARE(attempts.at(0).kind, QStringLiteral("first"));
        QCOMPARE(attempts.at(1).attemptedAtMs, 31000);
        QCOMPARE(attempts.at(1).kind, QStringLiteral("retry"));
        // The card's "after N attempts" counts the same rows.
        model.refreshHandoffs();
        QVERIFY(settled());
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
        QVERIFY(test::waitForTranscript(model));
        const int rows = model.rowCount();
        QVERIFY(rows > 0);
        QVERIFY(test::receiveAndDecide(*m_engine, *m_store, QStringLiteral("whatsapp"),
                                       QStringLiteral("other"), QStringLiteral("Other"),
                                       QStringLiteral("hello"), QDateTime()));
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), rows);
        model.setConversation(QString());
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_TranscriptModel)
#include "tst_transcriptmodel.moc"
