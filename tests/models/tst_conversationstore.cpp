// SPDX-License-Identifier: Apache-2.0
#include "conversationlistquery.h"
#include "conversationstore.h"
#include "leadpayload.h"
#include "pipelinestore.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <latch>

using namespace zapito;

namespace {
QByteArray payloadOf(const Bot& bot, const Conversation& c, const QList<Message>& transcript,
                     HandoffReason reason, qint64 atMs)
{
    return buildLeadPayload(bot, c, transcript, reason, atMs);
}
} // namespace

class tst_ConversationStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    Bot m_bot;

    Conversation conversation(const QString& externalId, const QString& name = QStringLiteral("Maria"),
                              qint64 at = 1000)
    {
        auto c = m_store->upsertConversation(m_bot.id, QStringLiteral("whatsapp"), externalId, name, at);
        if (!c)
            qFatal("upsert failed: %s", qPrintable(c.error()));
        return *c;
    }

    QStringList queryPlan(const QString& sql, const QVariantList& binds)
    {
        if (test::TestDatabase::isPostgreSQL())
            return postgresQueryPlan(sql, binds);
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        for (const QVariant& v : binds)
            q.addBindValue(v);
        if (!q.exec())
            qFatal("explain failed");
        QStringList details;
        while (q.next())
            details << q.value(3).toString();
        return details;
    }

    // PostgreSQL's plan of the same statement, as lines with SQLite's words for the checks: a sort
    // step as "TEMP B-TREE", a full read of conversations as "SCAN conversations". EXPLAIN cannot
    // be prepared, so the test's own values are written into it. Sequential scans are priced out:
    // on a table this small a scan (or a bitmap scan, which loses the order) always wins, and the
    // question is whether the index alone
    // delivers the rows in order, without a sort.
    QStringList postgresQueryPlan(QString sql, const QVariantList& binds)
    {
        for (const QVariant& v : binds) {
            const qsizetype at = sql.indexOf(u'?');
            const QString literal =
                v.typeId() == QMetaType::QString
                    ? QString(u'\'' + v.toString().replace(u'\'', QLatin1String("''")) + u'\'')
                    : v.toString();
            sql.replace(at, 1, literal);
        }
        QSqlQuery q(m_db->connection());
        if (!q.exec(QStringLiteral("SET enable_seqscan = off")) ||
            !q.exec(QStringLiteral("SET enable_bitmapscan = off")) ||
            !q.exec(QStringLiteral("EXPLAIN ") + sql))
            qFatal("explain failed: %s", qPrintable(q.lastError().text()));
        QStringList details;
        while (q.next()) {
            QString line = q.value(0).toString();
            if (line.contains(QLatin1String("Sort")))
                line += QLatin1String(" TEMP B-TREE");
            if (line.contains(QLatin1String("Seq Scan on conversations")))
                line += QLatin1String("\nSCAN conversations");
            details << line;
        }
        q.exec(QStringLiteral("RESET enable_seqscan"));
        q.exec(QStringLiteral("RESET enable_bitmapscan"));
        return details;
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

    void ensureBot_isStable()
    {
        QVERIFY(m_bot.id.startsWith(QStringLiteral("bot_")));
        QCOMPARE(m_store->ensureBot(QStringLiteral("Other"))->id, m_bot.id);
    }

    void upsert_createsOnceAndRefreshesName()
    {
        const Conversation first = conversation(QStringLiteral("5511999990000"), QStringLiteral("Maria"));
        QVERIFY(first.id.startsWith(QStringLiteral("conv_")));
        QCOMPARE(first.status, ConversationStatus::Bot);
        const Conversation renamed =
            conversation(QStringLiteral("5511999990000"), QStringLiteral("Maria Souza"));
        QCOMPARE(renamed.id, first.id);
        QCOMPARE(renamed.contactName, QStringLiteral("Maria Souza"));
        // A channel that does not report a name keeps the one we know.
        QCOMPARE(conversation(QStringLiteral("5511999990000"), QString()).contactName,
                 QStringLiteral("Maria Souza"));
        QCOMPARE(m_store->counts()->all, 1);
        // The same external id on another channel is another conversation.
        auto telegram = m_store->upsertConversation(m_bot.id, QStringLiteral("telegram"),
                                                    QStringLiteral("5511999990000"), QStringLiteral("M"), 1);
        QVERIFY(telegram);
        QVERIFY(telegram->id != first.id);
    }

    void messages_roundTripByteExact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("emoji") << QStringLiteral("Oi! 👋🏽 café ☕ 👨‍👩‍👧‍👦");
        QTest::newRow("right-to-left") << QStringLiteral("مرحبا، هل يمكنني التحدث مع شخص؟ שלום");
        QTest::newRow("cjk") << QStringLiteral("你好，我想预订一张桌子。こんにちは");
        QTest::newRow("sql-chars") << QStringLiteral("Robert'); DROP TABLE messages;-- \" ` % _ \\");
        QTest::newRow("html-chars") << QStringLiteral("<b>bold</b><img src=x onerror=alert(1)> &amp; &lt;");
        QTest::newRow("nul-and-controls") << QString::fromUtf16(u"a\u0000b\u0001\u202e\r\n\t");
        QString big;
        for (int i = 0; big.size() < 100 * 1024; ++i)
            big += QStringLiteral("línea %1 — ✓ مرحبا\n").arg(i);
        QTest::newRow("100-KB") << big;
    }
    void messages_roundTripByteExact()
    {
        QFETCH(QString, text);
        const Conversation c = conversation(QStringLiteral("1"), text); // the name too
        auto appended = m_store->appendMessage(c.id, MessageRole::User, text, 2000);
        QVERIFY(appended);
        auto back = m_store->messages(c.id, 0, 10);
        QVERIFY(back);
        QCOMPARE(back->size(), 1);
        QCOMPARE(back->first().content.toUtf8(), text.toUtf8());
        QCOMPARE(m_store->conversation(c.id)->contactName.toUtf8(), text.trimmed().toUtf8());
    }

    void messages_keepOrderAndMillisecondTimes()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        // Deliberately out-of-order timestamps: stored order is arrival order, and a time never
        // goes back (the second message is stored at the first one's time).
        const qint64 times[] = {1751371181123, 1751371181001, 1751371184999};
        const qint64 stored[] = {1751371181123, 1751371181123, 1751371184999};
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_store->appendMessage(c.id, MessageRole::User, QString::number(i), times[i]));
        auto all = m_store->messages(c.id, 0, 100);
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(all->at(i).content, QString::number(i));
            QCOMPARE(all->at(i).atMs, stored[i]);
            QCOMPARE(all->at(i).seq, i + 1);
        }
        QCOMPARE(toIsoUtcMs(all->at(0).atMs), QStringLiteral("2025-07-01T11:59:41.123Z"));
        // Activity never moves backwards.
        QCOMPARE(m_store->conversation(c.id)->lastActivityMs, times[2]);
        // Paging continues after the last sequence number seen.
        auto rest = m_store->messages(c.id, all->at(0).seq, 100);
        QCOMPARE(rest->size(), 2);
    }

    void appendMessage_sameExternalIdStoredOnce()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        auto first = m_store->appendMessage(c.id, MessageRole::User, QStringLiteral("hi"), 1,
                                            QStringLiteral("wamid.1"));
        QVERIFY(first && !first->duplicate);
        auto again = m_store->appendMessage(c.id, MessageRole::User, QStringLiteral("hi"), 1,
                                            QStringLiteral("wamid.1"));
        QVERIFY(again && again->duplicate);
        QCOMPARE(again->message.id, first->message.id);
        QCOMPARE(m_store->messages(c.id, 0, 10)->size(), 1);
        QCOMPARE(m_store->conversation(c.id)->unreadCount, 1);
    }

    void recordHandoff_isOneTransactionWithOutboxRow()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        QVERIFY(
            m_store->appendMessage(c.id, MessageRole::User, QStringLiteral("Can I talk to a person?"), 10));
        QSignalSpy handoffs(m_store.get(), &ConversationStore::handoffChanged);
        auto record = m_store->recordHandoff(c.id, QStringLiteral("Connecting you…"), HandoffReason::Escalate,
                                             20, payloadOf);
        QVERIFY2(record, qPrintable(record.error()));
        QCOMPARE(handoffs.size(), 1);
        QCOMPARE(m_store->conversation(c.id)->status, ConversationStatus::Handoff);
        QCOMPARE(m_store->conversation(c.id)->openHandoffReason, HandoffReason::Escalate);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT handoff_event_id, due_at_ms FROM webhook_outbox")) && q.next());
        QCOMPARE(q.value(0).toLongLong(), record->event.id);
        QCOMPARE(q.value(1).toLongLong(), 20);
        QVERIFY(q.exec(QStringLiteral("SELECT payload, delivery_outcome FROM handoff_events")) && q.next());
        const QJsonObject body = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        QCOMPARE(
            body.value(QStringLiteral("conversation")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("handoff"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("pending"));

        // A second open handoff for the same conversation is refused and writes nothing.
        auto second =
            m_store->recordHandoff(c.id, QStringLiteral("again"), HandoffReason::Handoff, 30, payloadOf);
        QVERIFY(!second);
        QCOMPARE(m_store->messages(c.id, 0, 100)->size(), 2);
        QCOMPARE(m_store->handoffEvents(c.id)->size(), 1);
    }

    void recordHandoff_transcriptIsLastTenOldestFirst()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        for (int i = 1; i <= 11; ++i)
            QVERIFY(m_store->appendMessage(c.id, i % 2 ? MessageRole::User : MessageRole::Assistant,
                                           QStringLiteral("m%1").arg(i), i * 1000));
        auto record =
            m_store->recordHandoff(c.id, QStringLiteral("m12"), HandoffReason::Handoff, 12000, payloadOf);
        QVERIFY(record);
        QSqlQuery q(m_db->connection());
        q.prepare(QStringLiteral("SELECT payload FROM handoff_events WHERE id = ?"));
        q.addBindValue(record->event.id);
        QVERIFY(q.exec() && q.next());
        const QJsonArray transcript = QJsonDocument::fromJson(q.value(0).toByteArray())
                                          .object()
                                          .value(QStringLiteral("transcript"))
                                          .toArray();
        QCOMPARE(transcript.size(), 10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(transcript.at(i).toObject().value(QStringLiteral("content")).toString(),
                     QStringLiteral("m%1").arg(i + 3));
        QCOMPARE(transcript.last().toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("assistant"));
    }

    void resolve_closesEventAndReturnsToBot()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        QVERIFY(m_store->recordHandoff(c.id, QStringLiteral("h"), HandoffReason::OutOfCredits, 5, payloadOf));
        auto resolved = m_store->resolve(c.id, QStringLiteral("Ana"), 99);
        QVERIFY(resolved && resolved->event);
        QCOMPARE(resolved->event->resolvedAtMs, 99);
        QCOMPARE(resolved->event->resolvedBy, QStringLiteral("Ana"));
        QCOMPARE(m_store->conversation(c.id)->status, ConversationStatus::Bot);
        QVERIFY(!m_store->conversation(c.id)->openHandoffReason);
        QVERIFY(!m_store->resolve(c.id, QStringLiteral("Ana"), 100)); // nothing left to resolve
    }

    void assign_setsTheAssigneeAndAReplyAssignsToTheReplier()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        QSignalSpy changed(m_store.get(), &ConversationStore::conversationChanged);
        QVERIFY(m_store->assign(c.id, QStringLiteral("Ana")));
        QCOMPARE(m_store->conversation(c.id)->assignee, QStringLiteral("Ana"));
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_store->assign(c.id, QStringLiteral("Ana"))); // already hers: nothing to announce
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_store->counts(QStringLiteral("Ana"))->mine, 1);

        PipelineStore pipeline(*m_store);
        QVERIFY(pipeline.recordOperatorReply(c.id, QStringLiteral("On it"), QStringLiteral("Bo"), 2000));
        QCOMPARE(m_store->conversation(c.id)->assignee, QStringLiteral("Bo"));
        QCOMPARE(m_store->counts(QStringLiteral("Ana"))->mine, 0);
        QCOMPARE(m_store->counts(QStringLiteral("Bo"))->mine, 1);
        QVERIFY(m_store->assign(c.id, {}));
        QVERIFY(m_store->conversation(c.id)->assignee.isEmpty());
        QCOMPARE(m_store->counts(QStringLiteral("Bo"))->mine, 0);
    }

    void resolve_recordsWhoAndWhen_andReopenRestoresTheHandoff()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        auto handoff =
            m_store->recordHandoff(c.id, QStringLiteral("h"), HandoffReason::Escalate, 500, payloadOf);
        QVERIFY(handoff);
        QCOMPARE(m_store->conversation(c.id)->handoffAtMs, handoff->event.atMs);
        QVERIFY(m_store->resolve(c.id, QStringLiteral("Ana"), 900));
        Conversation resolved = m_store->conversation(c.id).value();
        QVERIFY(isResolved(resolved));
        QCOMPARE(resolved.resolvedBy, QStringLiteral("Ana"));
        QCOMPARE(resolved.resolvedAtMs, 900);
        QCOMPARE(m_store->counts()->resolved, 1);

        QVERIFY(m_store->reopen(c.id));
        const Conversation reopened = m_store->conversation(c.id).value();
        QCOMPARE(reopened.status, ConversationStatus::Handoff);
        QCOMPARE(reopened.openHandoffReason, HandoffReason::Escalate);
        QCOMPARE(reopened.handoffAtMs, handoff->event.atMs); // still waiting since the handoff
        QVERIFY(!reopened.resolvedAtMs);
        const HandoffEvent event = m_store->handoffEvent(handoff->event.id).value();
        QVERIFY(!event.resolvedAtMs);
        QVERIFY(event.resolvedBy.isEmpty());
        QVERIFY(!m_store->reopen(c.id)); // not resolved any more
        QCOMPARE(m_store->counts()->needsHuman, 1);
        QCOMPARE(m_store->counts()->resolved, 0);
    }

    void reopen_afterATakeoverGivesItBackToTheOperator()
    {
        const Conversation c = conversation(QStringLiteral("1"));
        PipelineStore pipeline(*m_store);
        QVERIFY(pipeline.recordOperatorReply(c.id, QStringLiteral("Hi"), QStringLiteral("Ana"), 2000));
        QVERIFY(m_store->resolve(c.id, QStringLiteral("Ana"), 2100));
        QVERIFY(m_store->reopen(c.id));
        QCOMPARE(m_store->conversation(c.id)->status, ConversationStatus::Operator);
        QVERIFY(!m_store->conversation(c.id)->openHandoffReason);
    }

    // Two seats, each with a connection of its own, resolve one handoff at the same moment: one
    // resolution is recorded, and the other seat is told who made it.
    void resolve_twoSeatsAtOnce_oneWinsTheOtherIsToldWho()
    {
        constexpr int kRounds = 8;
        for (int round = 0; round < kRounds; ++round) {
            const Conversation c = conversation(QString::number(100 + round));
            QVERIFY(
                m_store->recordHandoff(c.id, QStringLiteral("h"), HandoffReason::Handoff, 500, payloadOf));
            std::latch ready(2);
            const QStringList names{QStringLiteral("Ana"), QStringLiteral("Bo")};
            QList<QString> outcomes(2);
            QList<QThread*> seats;
            for (int seat = 0; seat < 2; ++seat) {
                seats << QThread::create([&, seat] {
                    auto db = m_tmp->open();
                    if (!db) {
                        ready.count_down();
                        outcomes[seat] = QStringLiteral("no connection");
                        return;
                    }
                    ConversationStore store(*db);
                    ready.arrive_and_wait(); // both connections are open: now, together
                    auto resolved = store.resolve(c.id, names.at(seat), 1000 + seat);
                    outcomes[seat] = resolved ? QStringLiteral("resolved") : resolved.error();
                });
                seats.last()->start();
            }
            for (QThread* t : seats) {
                QVERIFY(t->wait(60'000));
                delete t;
            }
            const int winner = outcomes.indexOf(QStringLiteral("resolved"));
            QVERIFY2(winner >= 0 && outcomes.count(QStringLiteral("resolved")) == 1,
                     qPrintable(outcomes.join(QLatin1String(" | "))));
            const QString name = names.at(winner);
            QCOMPARE(outcomes.at(1 - winner), QStringLiteral("Already resolved by \u2068%1\u2069").arg(name));
            const Conversation after = m_store->conversation(c.id).value();
            QCOMPARE(after.resolvedBy, name);
            const QList<HandoffEvent> events = m_store->handoffEvents(c.id).value();
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.first().resolvedBy, name);
            QCOMPARE(events.first().resolvedAtMs, 1000 + winner);
        }
        QCOMPARE(m_store->counts()->resolved, kRounds);
    }

    void conversationsPage_filtersAndPagesNewestFirst()
    {
        for (int i = 0; i < 25; ++i) {
            const Conversation c =
                conversation(QString::number(i), QStringLiteral("Contact %1").arg(i), 1000 + i);
            QVERIFY(m_store->appendMessage(c.id, MessageRole::User, QStringLiteral("hello"), 1000 + i));
            if (i % 5 == 0)
                QVERIFY(m_store->recordHandoff(c.id, QStringLiteral("h"), HandoffReason::Handoff, 1000 + i,
                                               payloadOf));
        }
        QCOMPARE(m_store->counts()->all, 25);
        QCOMPARE(m_store->counts()->needsHuman, 5);

        QStringList seen;
        std::optional<PageCursor> cursor;
        for (;;) {
            auto page = m_store->conversationsPage({}, 10, cursor);
            QVERIFY(page);
            if (page->isEmpty())
                break;
            for (const auto& c : *page)
                seen << c.contactName;
            cursor = PageCursor::after(page->last());
        }
        QCOMPARE(seen.size(), 25);
        QCOMPARE(seen.first(), QStringLiteral("Contact 24"));
        QCOMPARE(seen.last(), QStringLiteral("Contact 0"));

        auto needsHuman = m_store->conversationsPage({InboxView::NeedsHuman, {}, {}}, 100);
        QCOMPARE(needsHuman->size(), 5);
        for (const auto& c : *needsHuman)
            QCOMPARE(c.status, ConversationStatus::Handoff);
        QCOMPARE(m_store->conversationsPage({InboxView::All, QStringLiteral("act 1"), {}}, 100)->size(),
                 11); // 1, 10–19
        QCOMPARE(m_store->conversationsPage({InboxView::All, QStringLiteral("%"), {}}, 100)->size(),
                 0); // literal, not wildcard
    }

    void queryPlans_needNoSortStep_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariantList>("binds");
        QTest::addColumn<QString>("index");
        // The list's pages: the statements ConversationListQuery::page() itself runs (a data
        // function runs before init(), so it builds them on a database of its own).
        test::TestDatabase tmp;
        const auto db = tmp.open();
        QVERIFY(db);
        const ConversationListQuery list(db->connection());
        const PageCursor cursor{1000, QStringLiteral("conv_x"), 900};
        const auto row = [](const char* name, const ConversationListQuery::Statement& statement,
                            const char* index) {
            QTest::newRow(name) << statement.text << statement.binds << QString::fromLatin1(index);
        };
        const QString me = QStringLiteral("Ana");
        const struct
        {
            const char* name;
            InboxView view;
            const char* index;
        } views[] = {{"needs-human", InboxView::NeedsHuman, "conversations_waiting"},
                     {"mine", InboxView::Mine, "conversations_by_assignee"},
                     {"bot", InboxView::Bot, "conversations_by_state_activity"},
                     {"resolved", InboxView::Resolved, "conversations_by_state_activity"},
                     {"all", InboxView::All, "conversations_by_activity"}};
        for (const auto& v : views) {
            const ConversationFilter filter{v.view, {}, me};
            row(qPrintable(QStringLiteral("%1-page").arg(QLatin1String(v.name))),
                list.pageStatement(filter, 50), v.index);
            row(qPrintable(QStringLiteral("%1-next-page").arg(QLatin1String(v.name))),
                list.pageStatement(filter, 50, cursor), v.index);
        }
        QTest::newRow("transcript-in-order")
            << QStringLiteral(
                   "SELECT id FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT 200")
            << QVariantList{QStringLiteral("conv_x"), 0} << QStringLiteral("messages_by_conversation_seq");
        QTest::newRow("transcript-last-ten")
            << QStringLiteral("SELECT id FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 10")
            << QVariantList{QStringLiteral("conv_x")} << QStringLiteral("messages_by_conversation_seq");
        QTest::newRow("undecided-at-start")
            << QStringLiteral("SELECT MAX(seq) FROM messages WHERE conversation_id = ? AND decided = 0")
            << QVariantList{QStringLiteral("conv_x")} << QStringLiteral("messages_undecided");
        QTest::newRow("kept-counts")
            << QStringLiteral("SELECT view, count FROM inbox_counts WHERE view IN ('all', 'handoff', "
                              "'operator', 'bot', 'resolved', ?)")
            << QVariantList{QStringLiteral("assignee:Ana")} << QStringLiteral("inbox_counts");
        QTest::newRow("outbox-head")
            << QStringLiteral(
                   "SELECT message_id FROM channel_outbox WHERE conversation_id = ? ORDER BY seq LIMIT 1")
            << QVariantList{QStringLiteral("conv_x")} << QStringLiteral("channel_outbox_by_conversation");
    }
    void queryPlans_needNoSortStep()
    {
        QFETCH(QString, sql);
        QFETCH(QVariantList, binds);
        QFETCH(QString, index);
        const QStringList plan = queryPlan(sql, binds);
        const QString text = plan.join(u'\n');
        QVERIFY2(!text.contains(QStringLiteral("TEMP B-TREE")), qPrintable(text));
        QVERIFY2(text.contains(index), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("SCAN conversations\n")) &&
                     !text.endsWith(QStringLiteral("SCAN conversations")),
                 qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(tst_ConversationStore)
#include "tst_conversationstore.moc"
