// SPDX-License-Identifier: Apache-2.0
// The sample conversations a new user loads from the empty inbox or with --demo.
#include "conversationstore.h"
#include "sampledata.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace zapito;

namespace {

// The spec's example body ("Leads: inbox & webhook"), ids aside: those are generated.
const char* const kSpecExample = R"({ "event": "lead.handoff", "at": "2026-07-01T12:00:00.000Z",
  "reason": "escalate", "bot": { "id": "bot_…", "name": "Luna Café" },
  "conversation": { "id": "conv_…", "channel": "whatsapp", "externalId": "5511999990000",
                    "contactName": "Maria", "status": "handoff" },
  "transcript": [
    { "role": "user", "content": "Can I talk to a person?", "at": "2026-07-01T11:59:41.000Z" },
    { "role": "assistant", "content": "Connecting you with a team member right away.",
      "at": "2026-07-01T11:59:44.000Z" } ] })";

using CharTest = std::function<bool(char32_t)>;

} // namespace

Q_DECLARE_METATYPE(CharTest)

class tst_SampleData : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    Bot m_bot;

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(m_store->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    QStringList column(const QString& sql)
    {
        QSqlQuery q(m_store->connection());
        if (!q.exec(sql))
            qFatal("query failed: %s", qPrintable(sql));
        QStringList values;
        while (q.next())
            values << q.value(0).toString();
        return values;
    }

    // A real conversation with a handoff still owed to the webhook.
    Conversation addRealConversation(const QString& externalId, const QString& name)
    {
        auto c = m_store->upsertConversation(m_bot.id, QStringLiteral("whatsapp"), externalId, name, 1000);
        if (!c)
            qFatal("upsert failed");
        if (!m_store->appendMessage(c->id, MessageRole::User, QStringLiteral("Real question"), 1000))
            qFatal("append failed");
        auto handoff = m_store->recordHandoff(c->id, QStringLiteral("A person will answer."),
                                              HandoffReason::Handoff, 2000,
                                              [](const Bot&, const Conversation&, const QList<Message>&,
                                                 HandoffReason, qint64) { return QByteArray("{}"); });
        if (!handoff)
            qFatal("handoff failed");
        return *c;
    }

    void load()
    {
        const Status loaded = loadSampleConversations(*m_store, m_bot);
        QVERIFY2(loaded.isOk(), qPrintable(loaded.error()));
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        auto bot = m_store->ensureBot(QStringLiteral("Luna Café"));
        QVERIFY(bot);
        m_bot = *bot;
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void emptyInbox_hasNoSamples() { QVERIFY(!hasSampleConversations(*m_store)); }

    void load_writesMoreThanADozenConversationsAllMarkedAsSamples()
    {
        load();
        QVERIFY(hasSampleConversations(*m_store));
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")) >= 13);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE is_sample = 0")), 0);
        // Every sample has something to read.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations c WHERE NOT EXISTS "
                                       "(SELECT 1 FROM messages m WHERE m.conversation_id = c.id)")),
                 0);
    }

    void load_coversEveryHandoffReason_data()
    {
        QTest::addColumn<QString>("reason");
        for (HandoffReason r : {HandoffReason::Handoff, HandoffReason::Escalate, HandoffReason::ModelError,
                                HandoffReason::OutOfCredits})
            QTest::newRow(qPrintable(asString(r))) << asString(r);
    }
    void load_coversEveryHandoffReason()
    {
        QFETCH(QString, reason);
        load();
        QVERIFY(column(QStringLiteral("SELECT DISTINCT reason FROM handoff_events")).contains(reason));
    }

    void load_coversEveryDeliveryOutcome_data()
    {
        QTest::addColumn<QString>("outcome");
        for (DeliveryOutcome o : {DeliveryOutcome::Sent, DeliveryOutcome::Failed, DeliveryOutcome::Skipped,
                                  DeliveryOutcome::Pending})
            QTest::newRow(qPrintable(asString(o))) << asString(o);
    }
    void load_coversEveryDeliveryOutcome()
    {
        QFETCH(QString, outcome);
        load();
        QVERIFY(
            column(QStringLiteral("SELECT DISTINCT delivery_outcome FROM handoff_events")).contains(outcome));
    }

    void load_attemptsMatchTheirOutcome()
    {
        load();
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT e.delivery_outcome, COUNT(a.id), SUM(CASE WHEN a.http_status BETWEEN 200 AND 299 THEN 1 "
            "ELSE 0 END) FROM handoff_events e LEFT JOIN delivery_attempts a ON a.handoff_event_id = e.id "
            "GROUP BY e.id")));
        int events = 0;
        while (q.next()) {
            ++events;
            const QString outcome = q.value(0).toString();
            const int attempts = q.value(1).toInt();
            const int successes = q.value(2).toInt();
            if (outcome == QLatin1String("sent"))
                QVERIFY(attempts >= 1 && successes == 1);
            else if (outcome == QLatin1String("failed"))
                QVERIFY(attempts == 2 && successes == 0); // the first attempt and the one retry
            else if (outcome == QLatin1String("skipped"))
                QCOMPARE(attempts, 0); // no endpoint was configured
            else
                QVERIFY(attempts <= 1 && successes == 0);
        }
        QVERIFY(events >= 8);
    }

    void load_leavesNothingForTheWebhookToSend()
    {
        load();
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM handoff_events")) > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox")), 0);
    }

    void load_mixesOpenAndResolvedHandoffs()
    {
        load();
        auto counts = m_store->counts();
        QVERIFY(counts);
        QVERIFY(counts->needsHuman > 0);
        QVERIFY(counts->needsHuman < counts->all);
        QVERIFY(scalar(QStringLiteral(
                    "SELECT COUNT(*) FROM handoff_events WHERE resolved_at_ms IS NOT NULL")) > 0);
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations c WHERE NOT EXISTS "
                                      "(SELECT 1 FROM handoff_events e WHERE e.conversation_id = c.id)")) >
                0);
    }

    void load_lunaCafeExample_matchesTheSpec()
    {
        load();
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(QStringLiteral(
            "SELECT e.payload, c.id FROM handoff_events e JOIN conversations c ON c.id = e.conversation_id "
            "WHERE c.channel = 'whatsapp' AND c.external_id = '5511999990000'")));
        QVERIFY(q.next());
        const QByteArray payload = q.value(0).toByteArray();
        const QString conversationId = q.value(1).toString();
        QVERIFY(!q.next()); // exactly one handoff

        QJsonParseError error{};
        QJsonObject expected = QJsonDocument::fromJson(QByteArray(kSpecExample), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QJsonObject bot = expected.value(QStringLiteral("bot")).toObject();
        bot.insert(QStringLiteral("id"), m_bot.id);
        expected.insert(QStringLiteral("bot"), bot);
        QJsonObject conversation = expected.value(QStringLiteral("conversation")).toObject();
        conversation.insert(QStringLiteral("id"), conversationId);
        expected.insert(QStringLiteral("conversation"), conversation);

        const QJsonObject actual = QJsonDocument::fromJson(payload, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(actual, expected);

        auto c = m_store->conversation(conversationId);
        QVERIFY(c);
        QCOMPARE(c->contactName, QStringLiteral("Maria"));
        QCOMPARE(c->status, ConversationStatus::Handoff);
        QCOMPARE(c->openHandoffReason, std::optional(HandoffReason::Escalate));
        QVERIFY(c->isSample);
        // The spec's example is the newest sample, so it heads the list.
        auto page = m_store->conversationsPage({}, 1);
        QVERIFY(page && !page->isEmpty());
        QCOMPARE(page->first().id, conversationId);
    }

    void load_speaksSeveralLanguages_data()
    {
        QTest::addColumn<CharTest>("isScript");
        const auto in = [](char32_t from, char32_t to) {
            return CharTest([from, to](char32_t c) { return c >= from && c <= to; });
        };
        QTest::newRow("portuguese") << CharTest([](char32_t c) { return c == U'ã' || c == U'ç'; });
        QTest::newRow("spanish") << CharTest([](char32_t c) { return c == U'¿' || c == U'ñ'; });
        QTest::newRow("arabic") << in(0x0600, 0x06FF);
        QTest::newRow("japanese-kana") << in(0x3040, 0x30FF);
        QTest::newRow("russian-cyrillic") << in(0x0400, 0x04FF);
        QTest::newRow("emoji") << in(0x1F300, 0x1FAFF);
    }
    void load_speaksSeveralLanguages()
    {
        QFETCH(CharTest, isScript);
        load();
        const QStringList texts = column(QStringLiteral("SELECT content FROM messages")) +
                                  column(QStringLiteral("SELECT contact_name FROM conversations"));
        bool found = false;
        for (const QString& text : texts) {
            for (char32_t c : text.toUcs4())
                found = found || isScript(c);
        }
        QVERIFY(found);
    }

    void loadTwice_doesNotDuplicate()
    {
        load();
        const QString counts = QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM conversations) * 1000000 + (SELECT COUNT(*) FROM messages) * 1000 "
            "+ (SELECT COUNT(*) FROM handoff_events)");
        const qint64 before = scalar(counts);
        load();
        QCOMPARE(scalar(counts), before);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")),
                 scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts a JOIN handoff_events e ON "
                                       "e.id = a.handoff_event_id")));
    }

    void remove_leavesNoSampleRowsAndKeepsRealConversations()
    {
        const Conversation real =
            addRealConversation(QStringLiteral("5531900000001"), QStringLiteral("Rita"));
        load();
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")) > 0);

        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        const Status removed = removeSampleConversations(*m_store);
        QVERIFY2(removed.isOk(), qPrintable(removed.error()));
        QVERIFY(!hasSampleConversations(*m_store));
        QVERIFY(changed.count() >= 13); // the list hears of every conversation that went

        QCOMPARE(column(QStringLiteral("SELECT id FROM conversations")), QStringList{real.id});
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id <> '") + real.id +
                        QStringLiteral("'")),
                 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages")), 2);
        QCOMPARE(column(QStringLiteral("SELECT conversation_id FROM handoff_events")), QStringList{real.id});
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")), 0);
        // The real handoff's delivery is still owed.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_outbox")), 1);
    }

    void load_neverTakesOverARealConversationWithASampleNumber()
    {
        const Conversation real =
            addRealConversation(QStringLiteral("5511999990000"), QStringLiteral("Real Maria"));
        load();
        auto after = m_store->conversation(real.id);
        QVERIFY(after);
        QVERIFY(!after->isSample);
        QCOMPARE(after->contactName, QStringLiteral("Real Maria"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = '") + real.id +
                        QStringLiteral("'")),
                 2);
        QVERIFY(removeSampleConversations(*m_store).isOk());
        QCOMPARE(column(QStringLiteral("SELECT id FROM conversations")), QStringList{real.id});
    }

    void removeThenLoad_bringsThemBack()
    {
        load();
        const qint64 count = scalar(QStringLiteral("SELECT COUNT(*) FROM conversations"));
        QVERIFY(removeSampleConversations(*m_store).isOk());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")), 0);
        load();
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")), count);
    }
};

QTEST_GUILESS_MAIN(tst_SampleData)
#include "tst_sampledata.moc"
