// SPDX-License-Identifier: Apache-2.0
// The list's search (ConversationSearch, migration 0005): names, numbers and message text through
// their FTS5 indexes in bounded windows, on real SQLite files.
#include "conversationlistquery.h"
#include "conversationsearch.h"
#include "conversationstore.h"
#include "searchsnippet.h"
#include "searchterms.h"
#include "testdatabase.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;

Q_DECLARE_METATYPE(zapito::SnippetLine::Range)

namespace {

struct PlanRow
{
    int id = 0;
    int parent = 0;
    QString detail;
};

QList<PlanRow> queryPlan(const QSqlDatabase& db, const SqlStatement& statement)
{
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.text))
        qFatal("explain: %s", qPrintable(q.lastError().text()));
    for (const QVariant& v : statement.binds)
        q.addBindValue(v);
    if (!q.exec())
        qFatal("explain: %s", qPrintable(q.lastError().text()));
    QList<PlanRow> rows;
    while (q.next())
        rows.append({q.value(0).toInt(), q.value(1).toInt(), q.value(3).toString()});
    return rows;
}

QString planText(const QList<PlanRow>& plan)
{
    QStringList lines;
    for (const PlanRow& row : plan)
        lines << QStringLiteral("%1 %2 %3").arg(row.id).arg(row.parent).arg(row.detail);
    return lines.join(u'\n');
}

// Why a plan is bounded, or what in it is not: every table read is a window (an FTS5 index read
// newest first and cut by LIMIT inside the statement), a scan of one of the statement's own
// windows, or a lookup of one row by its key. Then every sort (a temp B-tree) sorts at most the
// windows' rows; none may sit inside a window, which would mean reading every match to sort them.
QString unboundedPart(const QList<PlanRow>& plan, const SqlStatement& statement)
{
    static const QRegularExpression ftsScan(QStringLiteral("^SCAN (\\w+) VIRTUAL TABLE INDEX"));
    static const QRegularExpression ownWindow(
        QStringLiteral("^SCAN (name_words|name_substrings|w|hits|matched)$"));
    static const QRegularExpression keyLookup(
        QStringLiteral("^SEARCH \\w+ USING (INTEGER PRIMARY KEY \\(rowid=\\?\\)|"
                       "(COVERING )?INDEX sqlite_autoindex_conversations_1 \\(id=\\?\\))$"));
    static const QRegularExpression windowNode(
        QStringLiteral("^(CO-ROUTINE|MATERIALIZE) (name_words|name_substrings|message_window)$"));
    QSet<int> windows;
    for (const PlanRow& row : plan)
        if (windowNode.match(row.detail).hasMatch())
            windows.insert(row.id);
    for (const PlanRow& row : plan) {
        if (const auto fts = ftsScan.match(row.detail); fts.hasMatch()) {
            const QString index = fts.captured(1);
            const QString cut =
                QStringLiteral("FROM %1 WHERE %1 MATCH ? ORDER BY rowid DESC LIMIT ?").arg(index);
            if (!statement.text.contains(cut) || !windows.contains(row.parent))
                return row.detail + QStringLiteral(" (not a window cut by LIMIT)");
            continue;
        }
        if (row.detail.startsWith(QLatin1String("SCAN ")) && !ownWindow.match(row.detail).hasMatch())
            return row.detail;
        if (row.detail.startsWith(QLatin1String("SEARCH ")) && !keyLookup.match(row.detail).hasMatch())
            return row.detail;
        if (row.detail.contains(QLatin1String("TEMP B-TREE")) && windows.contains(row.parent))
            return row.detail + QStringLiteral(" (inside a window)");
    }
    return {};
}

QStringList namesOf(const QList<Conversation>& rows)
{
    QStringList names;
    for (const Conversation& c : rows)
        names << c.contactName;
    return names;
}

} // namespace

class tst_ConversationSearch : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    Bot m_bot;

    QString add(const QString& externalId, const QString& name, qint64 atMs,
                const QString& channel = QStringLiteral("whatsapp"))
    {
        auto c = m_store->upsertConversation(m_bot.id, channel, externalId, name, atMs);
        if (!c)
            qFatal("upsert: %s", qPrintable(c.error()));
        return c->id;
    }
    void say(const QString& conversationId, const QString& text, qint64 atMs)
    {
        if (!m_store->appendMessage(conversationId, MessageRole::User, text, atMs))
            qFatal("append failed");
    }
    // For bulk set-up inside one transaction (appendMessage opens its own, which cannot nest); the
    // store's triggers still index the message.
    void sayInBulk(const QString& conversationId, const QString& text, qint64 atMs)
    {
        if (!exec(
                QStringLiteral(
                    "INSERT INTO messages (conversation_id, role, content, at_ms) VALUES (?, 'user', ?, ?)"),
                {conversationId, text, atMs}))
            qFatal("insert message");
    }
    bool exec(const QString& sql, const QVariantList& binds = {})
    {
        QSqlQuery q(m_db->connection());
        if (!q.prepare(sql))
            return false;
        for (const QVariant& v : binds)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning("%s", qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    void setWaiting(const QString& conversationId)
    {
        // What recordHandoff does to the row (the event and its payload do not matter here).
        if (!exec(QStringLiteral(
                      "UPDATE conversations SET status = 'handoff', open_handoff_reason = 'escalate' "
                      "WHERE id = ?"),
                  {conversationId}))
            qFatal("status");
    }
    Expected<QList<Conversation>> search(const QString& typed, bool needsHumanOnly = false, int limit = 100,
                                         const std::optional<PageCursor>& after = {})
    {
        return ConversationListQuery(m_db->connection())
            .page({needsHumanOnly ? InboxView::NeedsHuman : InboxView::All, typed, {}}, limit, after);
    }
    // Every page of a search, `pageSize` at a time, by the cursor the list model builds.
    QList<Conversation> allPages(const QString& typed, bool needsHumanOnly, int pageSize)
    {
        QList<Conversation> rows;
        std::optional<PageCursor> after;
        for (int pages = 0; pages < 10'000; ++pages) {
            auto page = search(typed, needsHumanOnly, pageSize, after);
            if (!page)
                qFatal("page: %s", qPrintable(page.error()));
            rows += *page;
            if (page->size() < pageSize)
                return rows;
            after = PageCursor::after(page->constLast());
        }
        qFatal("paging never ended");
    }
    bool indexesAreIntact()
    {
        // PostgreSQL keeps its own indexes; there is no external-content index to fall out of step.
        if (test::TestDatabase::isPostgreSQL())
            return true;
        return exec(QStringLiteral(
                   "INSERT INTO contact_trigram_fts (contact_trigram_fts) VALUES ('integrity-check')")) &&
               exec(QStringLiteral(
                   "INSERT INTO contact_words_fts (contact_words_fts) VALUES ('integrity-check')"));
    }
    // A small inbox covering each kind of search term, newest activity last.
    void addCustomers()
    {
        say(add(QStringLiteral("5511999990000"), QStringLiteral("María Souza"), 1000),
            QStringLiteral("Olá, quero um bolo sem glúten"), 1000);
        say(add(QStringLiteral("447700900123"), QStringLiteral("Kenji 健二"), 2000),
            QStringLiteral("I need a refund for order 42"), 2000);
        say(add(QStringLiteral("79001234567"), QStringLiteral("Олег"), 3000),
            QStringLiteral("Is the Café open?"), 3000);
        say(add(QStringLiteral("123456789"), QStringLiteral("Ana Lima"), 4000, QStringLiteral("telegram")),
            QStringLiteral("gluten free bread please"), 4000);
        say(add(QStringLiteral("393331234567"), QStringLiteral("Mario Rossi"), 5000),
            QStringLiteral("The xylophone arrived <b>broken</b>"), 5000);
    }

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_store = std::make_unique<ConversationStore>(*m_db);
        m_bot = m_store->ensureBot(QStringLiteral("Bot")).value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void terms_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("needsHuman");
        QTest::addColumn<QString>("nameWords");
        QTest::addColumn<QString>("substring");
        QTest::addColumn<QString>("textWords");
        QTest::addColumn<QString>("textPrefix");
        const QString waiting = QStringLiteral(" AND needs_human : \"\uE100\uE101\uE102\"");
        QTest::newRow("name") << "maria" << false << "name : (\"maria\")"
                              << "name : \"maria\""
                              << "\"maria\""
                              << "\"maria\"*";
        QTest::newRow("short-words-as-prefixes") << "jo da" << false << "name : (\"jo\"* \"da\"*)"
                                                 << "name : \"jo da\""
                                                 << "\"jo\" \"da\""
                                                 << "\"jo\" \"da\"";
        QTest::newRow("number-in-the-numbers-only")
            << "+55 (11) 9999-0" << false << "name : (\"55\"* \"11\"* \"9999\"* \"0\"*)"
            << "handle : \"551199990\""
            << "\"55\" \"11\" \"9999\" \"0\""
            << "\"55\" \"11\" \"9999\" \"0\"";
        QTest::newRow("quotes-doubled") << "say \"hi\"" << false << "name : (\"say\"* \"hi\"*)"
                                        << "name : \"say \"\"hi\"\"\""
                                        << "\"say\" \"hi\""
                                        << "\"say\" \"hi\"";
        QTest::newRow("syntax-is-text")
            << "NEAR(a* -b) AND" << false << "name : (\"NEAR\"* \"a\"* \"b\"* \"AND\"*)"
            << "name : \"NEAR(a* -b) AND\""
            << "\"NEAR\" \"a\" \"b\" \"AND\""
            << "\"NEAR\" \"a\" \"b\" \"AND\"*";
        QTest::newRow("nothing-searchable") << "%" << false << ""
                                            << ""
                                            << ""
                                            << "";
        QTest::newRow("needs-human") << "ana" << true
                                     << QString(QStringLiteral("(name : (\"ana\"*))") + waiting)
                                     << QString(QStringLiteral("(name : \"ana\")") + waiting) << "\"ana\""
                                     << "\"ana\"*";
    }
    void terms()
    {
        QFETCH(QString, typed);
        QFETCH(bool, needsHuman);
        const SearchTerms terms = SearchTerms::fromTyped(typed, needsHuman);
        QTEST(terms.nameWords, "nameWords");
        QTEST(terms.substring, "substring");
        QTEST(terms.textWords, "textWords");
        QTEST(terms.textPrefix, "textPrefix");
    }

    void results_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("expected"); // most recent activity first
        const QString maria = QStringLiteral("María Souza");
        const QString kenji = QStringLiteral("Kenji 健二");
        const QString ana = QStringLiteral("Ana Lima");
        const QString mario = QStringLiteral("Mario Rossi");
        QTest::newRow("name-word") << "maria" << QStringList{maria};
        QTest::newRow("name-case-and-accent") << "MARÍA" << QStringList{maria};
        QTest::newRow("name-substring") << "ossi" << QStringList{mario};
        // Substrings keep their accents (the trigram tokenizer of SQLite 3.40 folds case only):
        // "ari" is in "Mario", not in "María".
        // SQLite's trigram index keeps accents; PostgreSQL's trigram index is over the folded name.
        QTest::newRow("substring-accents-count")
            << "ari" << (test::TestDatabase::isPostgreSQL() ? QStringList{mario, maria} : QStringList{mario});
        QTest::newRow("name-short-prefix") << "an" << QStringList{ana};
        QTest::newRow("name-cjk") << "健二" << QStringList{kenji};
        QTest::newRow("phone-plus-and-spaces") << "+55 11 9999" << QStringList{maria};
        QTest::newRow("phone-punctuation") << "(44) 7700-900" << QStringList{kenji};
        QTest::newRow("telegram-id") << "6789" << QStringList{ana};
        QTest::newRow("common-word") << "gluten" << QStringList{ana, maria}; // "glúten" folded
        QTest::newRow("rare-word") << "xylophone" << QStringList{mario};
        QTest::newRow("word-prefix") << "refu" << QStringList{kenji};
        QTest::newRow("text-accent-folded") << "cafe" << QStringList{QStringLiteral("Олег")};
        QTest::newRow("two-words") << "bread gluten" << QStringList{ana};
        QTest::newRow("markup-is-text") << "<b>broken" << QStringList{mario};
        QTest::newRow("no-match") << "zzzz" << QStringList{};
        QTest::newRow("lone-quote") << "\"" << QStringList{};
        QTest::newRow("quoted-word") << "\"gluten\"" << QStringList{ana, maria};
        QTest::newRow("unbalanced-quote") << "\"maria" << QStringList{maria};
        QTest::newRow("star") << "*" << QStringList{};
        QTest::newRow("star-word") << "glut*" << QStringList{ana, maria};
        QTest::newRow("minus") << "-gluten" << QStringList{ana, maria};
        QTest::newRow("and-is-a-word") << "AND" << QStringList{};
        QTest::newRow("or-between-words") << "gluten OR xylophone" << QStringList{};
        QTest::newRow("near") << "NEAR(" << QStringList{};
        QTest::newRow("near-group") << "NEAR(gluten bread, 2)" << QStringList{};
        QTest::newRow("column-filter") << "name : maria" << QStringList{};
        QTest::newRow("caret-and-parentheses") << "^(gluten) bread" << QStringList{ana};
        QTest::newRow("nul-character")
            << QString(QStringLiteral("mar") + QChar(0) + QStringLiteral("ia")) << QStringList{};
        QTest::newRow("percent") << "%" << QStringList{};
    }
    void results()
    {
        QFETCH(QString, typed);
        addCustomers();
        const auto page = search(typed);
        QVERIFY2(page, qPrintable(page.error()));
        QTEST(namesOf(*page), "expected");
    }

    void queryPlans_readWindowsOnly_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("needsHuman");
        QTest::addColumn<bool>("nextPage");
        const struct
        {
            const char* name;
            const char* typed;
        } kinds[] = {{"name", "maria"},          {"phone", "+55 11 9999"}, {"common-word", "gluten"},
                     {"rare-word", "xylophone"}, {"no-match", "zzzz"},     {"short", "ma"},
                     {"prefix", "glut"}};
        for (const auto& kind : kinds)
            for (const bool needsHuman : {false, true})
                for (const bool nextPage : {false, true})
                    QTest::newRow(qPrintable(QStringLiteral("%1%2%3").arg(
                        QLatin1String(kind.name), needsHuman ? QStringLiteral("-needs-human") : QString(),
                        nextPage ? QStringLiteral("-next-page") : QString())))
                        << QString::fromUtf8(kind.typed) << needsHuman << nextPage;
    }
    void queryPlans_readWindowsOnly()
    {
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: EXPLAIN QUERY PLAN of the FTS5 windows (PostgreSQL: "
                  "postgresPlans_useTheIndexes)");
        QFETCH(QString, typed);
        QFETCH(bool, needsHuman);
        QFETCH(bool, nextPage);
        // Enough rows that every window has something in it, so the plan is the one a real
        // inbox gets ("gluten" fills the message window: whole words; "glut" is a prefix).
        QSqlDatabase db = m_db->connection();
        QVERIFY(db.transaction());
        for (int i = 0; i < 1200; ++i) {
            const QString id =
                add(QString::number(5511900000000LL + i), QStringLiteral("Maria %1").arg(i), i);
            sayInBulk(
                id, i % 2 ? QStringLiteral("gluten free %1").arg(i) : QStringLiteral("xylophone lesson"), i);
            if (i % 20 == 0)
                setWaiting(id);
        }
        QVERIFY(db.commit());

        const ConversationListQuery list(db);
        const std::optional<PageCursor> cursor =
            nextPage ? std::optional(PageCursor{300, QStringLiteral("conv_x")}) : std::nullopt;
        for (const SqlStatement& statement :
             {list.pageStatement({needsHuman ? InboxView::NeedsHuman : InboxView::All, typed, {}}, 100,
                                 cursor),
              ConversationSearch(db).statement(
                  {needsHuman ? InboxView::NeedsHuman : InboxView::All, typed, {}}, 1, {},
                  QStringLiteral("conv_x"))}) {
            QVERIFY(!statement.text.isEmpty());
            const QList<PlanRow> plan = queryPlan(db, statement);
            const QString unbounded = unboundedPart(plan, statement);
            QVERIFY2(unbounded.isEmpty(), qPrintable(unbounded + u'\n' + planText(plan)));
            QVERIFY2(planText(plan).contains(QLatin1String("VIRTUAL TABLE")), qPrintable(planText(plan)));
        }
        const auto page =
            list.page({needsHuman ? InboxView::NeedsHuman : InboxView::All, typed, {}}, 100, cursor);
        QVERIFY2(page, qPrintable(page.error()));
    }

    // The check above can fail: the search as it was (LIKE over every conversation, every
    // matching message gathered) and a window without its LIMIT are refused.
    void queryPlans_checkRefusesUnboundedReads_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariantList>("binds");
        QTest::newRow("like-and-every-match")
            << QStringLiteral("SELECT id FROM conversations WHERE contact_name LIKE ? OR id IN (SELECT "
                              "m.conversation_id "
                              "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE "
                              "messages_fts MATCH ?) "
                              "ORDER BY last_activity_ms DESC, id DESC LIMIT 100")
            << QVariantList{QStringLiteral("%maria%"), QStringLiteral("\"maria\"")};
        QTest::newRow("window-without-limit")
            << QStringLiteral(
                   "WITH message_window(message_id) AS (SELECT rowid FROM messages_fts WHERE messages_fts "
                   "MATCH ? ORDER BY rowid DESC) SELECT message_id FROM message_window")
            << QVariantList{QStringLiteral("\"maria\"")};
        QTest::newRow("status-walk")
            << QStringLiteral("SELECT id FROM conversations WHERE status = 'handoff' AND contact_name LIKE ? "
                              "ORDER BY last_activity_ms DESC LIMIT 100")
            << QVariantList{QStringLiteral("%maria%")};
    }
    void queryPlans_checkRefusesUnboundedReads()
    {
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: EXPLAIN QUERY PLAN of the FTS5 windows (PostgreSQL: "
                  "postgresPlans_useTheIndexes)");
        QFETCH(QString, sql);
        QFETCH(QVariantList, binds);
        const SqlStatement statement{sql, binds};
        const QList<PlanRow> plan = queryPlan(m_db->connection(), statement);
        QVERIFY2(!unboundedPart(plan, statement).isEmpty(), qPrintable(planText(plan)));
    }

    void paging_returnsEveryMatchOnce_data()
    {
        QTest::addColumn<bool>("needsHuman");
        QTest::addColumn<int>("pageSize");
        QTest::newRow("all-by-7") << false << 7;
        QTest::newRow("all-by-1") << false << 1;
        QTest::newRow("needs-human-by-3") << true << 3;
    }
    void paging_returnsEveryMatchOnce()
    {
        QFETCH(bool, needsHuman);
        QFETCH(int, pageSize);
        // Matches by name, by message, by both and by several messages; some share a last
        // activity, so the keyset's tie-break on id is exercised too.
        QSet<QString> expected;
        QSqlDatabase db = m_db->connection();
        QVERIFY(db.transaction());
        for (int i = 0; i < 90; ++i) {
            const bool byName = i % 3 == 0;
            const bool byText = i % 2 == 0;
            const qint64 at = 1000 + (i / 2) * 10; // pairs share their time
            const QString id = add(
                QString::number(4470000000LL + i),
                byName ? QStringLiteral("Gluten Lover %1").arg(i) : QStringLiteral("Customer %1").arg(i), at);
            for (int m = 0; m < (i % 5) + 1; ++m)
                sayInBulk(id,
                          byText && m % 2 == 0 ? QStringLiteral("no gluten, message %1").arg(m)
                                               : QStringLiteral("hello"),
                          at);
            const bool waiting = i % 4 == 0;
            if (waiting)
                setWaiting(id);
            if ((byName || byText) && (waiting || !needsHuman))
                expected.insert(id);
        }
        QVERIFY(db.commit());

        const QList<Conversation> rows = allPages(QStringLiteral("gluten"), needsHuman, pageSize);
        QStringList ids;
        for (const Conversation& c : rows)
            ids << c.id;
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size()); // each once
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), expected);          // every one
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const Conversation& a = rows.at(i - 1);
            const Conversation& b = rows.at(i);
            // Needs a human: waiting longest first; else newest first.
            QVERIFY(ConversationListQuery::comesBefore(needsHuman ? InboxView::NeedsHuman : InboxView::All, a,
                                                       b));
        }
    }

    void window_commonWordReachesItsNewestMatches()
    {
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: the FTS5 message window; PostgreSQL finds every match");
        // More conversations saying the word than the message window holds: the results are the
        // conversations of the newest matches, and the search costs the window, not the matches.
        const int count = ConversationSearch::kMessageWindow + 20;
        QStringList ids;
        QSqlDatabase db = m_db->connection();
        QVERIFY(db.transaction());
        for (int i = 0; i < count; ++i) {
            ids << add(QString::number(4470000000LL + i), QStringLiteral("Customer %1").arg(i), i);
            sayInBulk(ids.constLast(), QStringLiteral("gluten again"), i);
        }
        // The newest message holds only a longer word: whole words already fill the window, so
        // the prefix (which would cost every match) is not asked for.
        const QString longer = add(QStringLiteral("4471111111"), QStringLiteral("Late"), count);
        sayInBulk(longer, QStringLiteral("glutenfree"), count);
        QVERIFY(db.commit());

        const QList<Conversation> rows = allPages(QStringLiteral("gluten"), false, 100);
        QCOMPARE(rows.size(), ConversationSearch::kMessageWindow);
        QCOMPARE(rows.constFirst().id, ids.constLast());
        QCOMPARE(rows.constLast().id, ids.at(count - ConversationSearch::kMessageWindow));
        QCOMPARE(namesOf(*search(QStringLiteral("glutenf"))), QStringList{QStringLiteral("Late")});
    }

    void snippet_marksOnlyTheHit()
    {
        const QString id = add(QStringLiteral("1"), QStringLiteral("Eve"), 1000);
        // The customer writes the store's own marks around words that are not the hit.
        say(id,
            QStringLiteral("\uE000fake\uE001 line one\nand \uE001 the gluten \uE000 "
                           "question"),
            1000);
        const auto page = search(QStringLiteral("gluten"));
        QVERIFY(page && page->size() == 1);
        const QString snippet = page->constFirst().matchSnippet;
        QCOMPARE(snippet.count(QChar(kSnippetHitStart)), 1);
        QCOMPARE(snippet.count(QChar(kSnippetHitEnd)), 1);
        const SnippetLine line = zapito::snippetLine(snippet);
        QCOMPARE(line.hits.size(), 1);
        QCOMPARE(line.text.mid(line.hits.constFirst().start, line.hits.constFirst().length),
                 QStringLiteral("gluten"));
        QVERIFY(line.text.contains(QLatin1String("fake line one and  the gluten  question")));
    }

    void snippet_nameMatchShowsNone()
    {
        say(add(QStringLiteral("1"), QStringLiteral("Gluten Shop"), 1000), QStringLiteral("hello"), 1000);
        const auto page = search(QStringLiteral("gluten"));
        QVERIFY(page && page->size() == 1);
        QVERIFY(page->constFirst().matchSnippet.isEmpty()); // the row shows its last message
    }

    void snippetFromMarkedBytes_data()
    {
        QTest::addColumn<QByteArray>("marked");
        QTest::addColumn<QString>("snippet");
        QTest::newRow("hit") << QByteArray("a \xFFhit\xFE b") << QStringLiteral("a \uE000hit\uE001 b");
        // U+E000 / U+E001 in the message's UTF-8 (EE 80 80, EE 80 81) are dropped, not marks.
        QTest::newRow("forged") << QByteArray("\xEE\x80\x80x\xEE\x80\x81 \xFFy\xFE")
                                << QStringLiteral("x \uE000y\uE001");
        QTest::newRow("two-hits") << QByteArray("\xFF"
                                                "a\xFE-\xFF"
                                                "b\xFE")
                                  << QStringLiteral("\uE000a\uE001-\uE000b\uE001");
        QTest::newRow("utf8") << QByteArray("caf\xC3\xA9 \xFF\xE5\x81\xA5\xFE")
                              << QStringLiteral("café \uE000健\uE001");
    }
    void snippetFromMarkedBytes()
    {
        QFETCH(QByteArray, marked);
        QTEST(zapito::snippetFromMarkedBytes(marked), "snippet");
    }

    void snippetLine_data()
    {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<int>("maxCharacters");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<SnippetLine::Range>>("hits");
        using Hits = QList<SnippetLine::Range>;
        QTest::newRow("plain") << QStringLiteral("a \uE000b\uE001 c") << -1
                               << QStringLiteral("\u2068a b c\u2069") << Hits{{3, 1}};
        QTest::newRow("markup-stays-text") << QStringLiteral("\uE000<b>x</b>\uE001") << -1
                                           << QStringLiteral("\u2068<b>x</b>\u2069") << Hits{{1, 8}};
        QTest::newRow("one-line") << QStringLiteral("a\nb\tc\u2029d") << -1
                                  << QStringLiteral("\u2068a b c d\u2069") << Hits{};
        // A stray PDI cannot close our isolate, an override or isolate left open is closed.
        QTest::newRow("isolates-balanced")
            << QStringLiteral("x\u2069y\u2067z \u202Eabc") << -1
            << QStringLiteral("\u2068xy\u2067z \u202Eabc\u2069\u2069") << Hits{};
        QTest::newRow("cut") << QStringLiteral("ab\uE000cd\uE001ef") << 3
                             << QStringLiteral("\u2068abc\u2069\u2026") << Hits{{3, 1}};
        QTest::newRow("surrogates-kept-whole") << QStringLiteral("a\U0001F642b") << 2
                                               << QStringLiteral("\u2068a\U0001F642\u2069\u2026") << Hits{};
    }
    void snippetLine()
    {
        QFETCH(QString, snippet);
        QFETCH(int, maxCharacters);
        const SnippetLine line = zapito::snippetLine(snippet, maxCharacters);
        QTEST(line.text, "text");
        QTEST(line.hits, "hits");
    }

    void matching_carriesTheSnippet_andKeepsTheWindow()
    {
        addCustomers();
        const ConversationListQuery list(m_db->connection());
        const QString ana = search(QStringLiteral("bread"))->constFirst().id;
        auto found = list.matching({InboxView::All, QStringLiteral("bread"), {}}, ana);
        QVERIFY(found && *found);
        QVERIFY((*found)->matchSnippet.contains(QChar(kSnippetHitStart)));
        const QString kenji = search(QStringLiteral("refund"))->constFirst().id;
        found = list.matching({InboxView::All, QStringLiteral("bread"), {}}, kenji);
        QVERIFY(found && !*found);
        found = list.matching({InboxView::NeedsHuman, QStringLiteral("bread"), {}},
                              ana); // not waiting for a human
        QVERIFY(found && !*found);
    }

    void needsHuman_findsEveryWaitingNameBeyondTheWindow()
    {
        // More conversations of one name than the name window: the waiting ones are still all
        // found, the index itself holds who waits.
        QSet<QString> waiting;
        QSqlDatabase db = m_db->connection();
        QVERIFY(db.transaction());
        for (int i = 0; i < ConversationSearch::kNameWindow + 200; ++i) {
            const QString id = add(QString::number(4470000000LL + i), QStringLiteral("Maria %1").arg(i), i);
            if (i % 100 == 0) {
                setWaiting(id);
                waiting.insert(id);
            }
        }
        QVERIFY(db.commit());
        const QList<Conversation> rows = allPages(QStringLiteral("maria"), true, 5);
        QStringList ids;
        for (const Conversation& c : rows)
            ids << c.id;
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), waiting);
        QCOMPARE(ids.size(), waiting.size());
    }

    void triggers_keepTheNameIndexRight()
    {
        const QString id = add(QStringLiteral("5511988887777"), QStringLiteral("Beatriz"), 1000);
        QCOMPARE(namesOf(*search(QStringLiteral("beatriz"))), QStringList{QStringLiteral("Beatriz")});
        QCOMPARE(namesOf(*search(QStringLiteral("8888"))), QStringList{QStringLiteral("Beatriz")});

        // The channel reports a new name: an upsert, as every inbound message does.
        add(QStringLiteral("5511988887777"), QStringLiteral("Bia Ramos"), 2000);
        QVERIFY(search(QStringLiteral("beatriz"))->isEmpty());
        QCOMPARE(namesOf(*search(QStringLiteral("ramos"))), QStringList{QStringLiteral("Bia Ramos")});
        add(QStringLiteral("5511988887777"), QString(), 3000); // no name: the stored one stays
        QCOMPARE(namesOf(*search(QStringLiteral("ramos"))), QStringList{QStringLiteral("Bia Ramos")});

        QVERIFY(exec(QStringLiteral("UPDATE conversations SET external_id = '4420799990000' WHERE id = ?"),
                     {id}));
        QVERIFY(search(QStringLiteral("8888"))->isEmpty());
        QCOMPARE(namesOf(*search(QStringLiteral("+44 20 7999"))), QStringList{QStringLiteral("Bia Ramos")});

        QVERIFY(search(QStringLiteral("ramos"), true)->isEmpty());
        setWaiting(id);
        QCOMPARE(namesOf(*search(QStringLiteral("ramos"), true)), QStringList{QStringLiteral("Bia Ramos")});
        QVERIFY(m_store->resolve(id, QStringLiteral("Ana"), 4000));
        QVERIFY(search(QStringLiteral("ramos"), true)->isEmpty());
        QVERIFY(indexesAreIntact());

        QVERIFY(exec(QStringLiteral("DELETE FROM conversations WHERE id = ?"), {id}));
        QVERIFY(search(QStringLiteral("ramos"))->isEmpty());
        QVERIFY(search(QStringLiteral("+44 20 7999"))->isEmpty());
        QVERIFY(indexesAreIntact());
    }

    void vacuum_keepsTheNameIndexRight()
    {
        // The index's rowids are conversations' own rowids: VACUUM must keep them.
        for (int i = 0; i < 20; ++i)
            add(QString::number(4470000000LL + i), QStringLiteral("Person %1").arg(i), i);
        QVERIFY(exec(
            QStringLiteral("DELETE FROM conversations WHERE external_id IN ('4470000003', '4470000007')")));
        QVERIFY(QSqlQuery(m_db->connection())
                    .exec(QStringLiteral("VACUUM"))); // never prepared: PostgreSQL refuses
        QVERIFY(indexesAreIntact());
        QCOMPARE(namesOf(*search(QStringLiteral("person 12"))), QStringList{QStringLiteral("Person 12")});
    }

    void migration_indexesExistingConversations_data()
    {
        QTest::addColumn<int>("from");
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: a PostgreSQL store starts at the baseline of version 5");
        for (int v = 1; v <= 4; ++v)
            QTest::newRow(qPrintable(QStringLiteral("from-v%1").arg(v))) << v;
    }
    void migration_indexesExistingConversations()
    {
        if (test::TestDatabase::isPostgreSQL())
            QSKIP("SQLite only: a PostgreSQL store starts at the baseline of version 5");
        QFETCH(int, from);
        cleanup();
        test::TestDatabase tmp;
        {
            Database::Options before;
            before.migrateTo = from;
            auto db = tmp.open(before);
            QVERIFY(db);
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES ('bot_1', 'Bot', 1)")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, "
                               "status, last_activity_ms, "
                               "created_at_ms) VALUES ('conv_1', 'bot_1', 'whatsapp', '5511999990000', 'João "
                               "Pereira', 'handoff', "
                               "5, 5), ('conv_2', 'bot_1', 'telegram', '987654321', 'Olga', 'bot', 6, 6)")));
        }
        m_db = tmp.open();
        QVERIFY(m_db);
        QCOMPARE(namesOf(*search(QStringLiteral("joao"))), QStringList{QStringLiteral("João Pereira")});
        QCOMPARE(namesOf(*search(QStringLiteral("pereira"), true)),
                 QStringList{QStringLiteral("João Pereira")});
        QCOMPARE(namesOf(*search(QStringLiteral("+55 11 9999"))),
                 QStringList{QStringLiteral("João Pereira")});
        QCOMPARE(namesOf(*search(QStringLiteral("7654"))), QStringList{QStringLiteral("Olga")});
        QVERIFY(indexesAreIntact());
        m_db.reset();
    }
};

QTEST_GUILESS_MAIN(tst_ConversationSearch)
#include "tst_conversationsearch.moc"
