// SPDX-License-Identifier: Apache-2.0
#include "channelregistry.h"
#include "conversationengine.h"
#include "conversationlistmodel.h"
#include "conversationlistquery.h"
#include "fakechannel.h"
#include "inboxfixture.h"
#include "inboxroles.h"
#include "modelwait.h"
#include "pipelinewait.h"
#include "ruleagent.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace zapito;

class tst_ConversationListModel : public QObject
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

    static QString idAt(const ConversationListModel& model, int row)
    {
        return model.index(row).data(ConversationRoles::IdRole).toString();
    }
    // Every read the model asked for has arrived.
    bool settled() { return test::waitForReader(m_store->reader()); }
    // Pages until the end; a view (or QAbstractItemModelTester) may ask for pages as well.
    void fetchAll(ConversationListModel& model)
    {
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QVERIFY(settled());
        }
    }
    QString customer(const QString& externalId, const QString& name, const QString& text, qint64 atMs)
    {
        m_engine->setClock([atMs] { return atMs + 1; }); // the bot answers a moment later
        auto id = test::receiveAndDecide(*m_engine, *m_store, QStringLiteral("whatsapp"), externalId, name,
                                         text, QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC));
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
        m_engine->setClock([] { return qint64(5'000'000'000); });
    }
    void cleanup()
    {
        m_engine.reset();
        m_store.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void paging_10k_pagesInOrderUntilTheEnd()
    {
        QVERIFY(test::addConversations(*m_db, *m_store, m_bot, 10'000));
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), ConversationListModel::kDefaultPageSize); // one page, not 10k
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Contact 9999")); // newest first
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 10'000);
        QVERIFY(!model.canFetchMore({}));
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.index(row - 1).data(ConversationRoles::LastActivityMsRole).toLongLong() >
                    model.index(row).data(ConversationRoles::LastActivityMsRole).toLongLong());
        QCOMPARE(model.counts().all, 10'000);
        QCOMPARE(model.counts().needsHuman, 1'000);
    }

    void filter_10k_needsHumanShowsExactlyHandoffs()
    {
        QVERIFY(test::addConversations(*m_db, *m_store, m_bot, 10'000));
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setNeedsHumanOnly(true);
        QVERIFY(settled());
        QCOMPARE(resets.size(), 1);
        model.setNeedsHumanOnly(true); // unchanged: no reset
        QCOMPARE(resets.size(), 1);
        fetchAll(model);
        QCOMPARE(model.rowCount(), 1'000);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY(model.index(row).data(ConversationRoles::NeedsHumanRole).toBool());
            QCOMPARE(model.index(row).data(ConversationRoles::HandoffReasonTextRole).toString(),
                     QStringLiteral("Asked for a human"));
        }
        model.setNeedsHumanOnly(false);
        QVERIFY(settled());
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Contact 9999"));
        model.setSearch(QStringLiteral("contact 4321"));
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Contact 4321"));
    }

    void liveInsert_10k_newConversationAppearsOnTopWithoutReset()
    {
        QVERIFY(test::addConversations(*m_db, *m_store, m_bot, 10'000));
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QPersistentModelIndex selected = model.index(5);
        const QString selectedId = selected.data(ConversationRoles::IdRole).toString();
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counts(&model, &ConversationListModel::countsChanged);
        const int rowsBefore = model.rowCount();

        const QString id = customer(QStringLiteral("447700900123"), QStringLiteral("Zoë"),
                                    QStringLiteral("Hello there"), 9'000'000'000);
        QVERIFY(settled());
        QCOMPARE(resets.size(), 0);
        QVERIFY(inserts.size() >= 1);
        QCOMPARE(idAt(model, 0), id);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Zoë"));
        // One row inserted on top; any other inserts are pages the tester asked for at the end.
        int insertedRows = 0;
        int onTop = 0;
        for (const QList<QVariant>& insert : inserts) {
            const int first = insert.at(1).toInt();
            const int last = insert.at(2).toInt();
            insertedRows += last - first + 1;
            if (first == 0 && last == 0)
                ++onTop;
        }
        QCOMPARE(onTop, 1);
        QCOMPARE(model.rowCount(), rowsBefore + insertedRows);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.row(), 6); // the selection followed its row
        QCOMPARE(selected.data(ConversationRoles::IdRole).toString(), selectedId);
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.constLast().at(0).toInt(), 10'001);
    }

    void liveMove_newMessageMovesRowToTopAndKeepsSelection()
    {
        const QString a = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hi"), 1000);
        const QString b = customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("hi"), 2000);
        const QString c = customer(QStringLiteral("3"), QStringLiteral("Cid"), QStringLiteral("hi"), 3000);
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(idAt(model, 0), c);
        const QPersistentModelIndex persistentA = model.index(2);
        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        customer(QStringLiteral("1"), QString(), QStringLiteral("still there?"), 4000);
        QVERIFY(settled());
        QVERIFY(moves.size() >= 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(idAt(model, 0), a);
        QCOMPARE(idAt(model, 1), c);
        QCOMPARE(idAt(model, 2), b);
        QCOMPARE(persistentA.row(), 0);
        QCOMPARE(model.index(0).data(ConversationRoles::UnreadCountRole).toInt(), 2);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Ana")); // name kept
    }

    void needsHuman_handoffJoinsAndResolveLeaves()
    {
        const QString a = customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hi"), 1000);
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNeedsHumanOnly(true);
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 0);
        customer(QStringLiteral("1"), QString(), QStringLiteral("I want a human please"), 2000);
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(idAt(model, 0), a);
        QCOMPARE(model.index(0).data(ConversationRoles::HandoffReasonTextRole).toString(),
                 QStringLiteral("Flow handoff"));
        QCOMPARE(model.counts().needsHuman, 1);
        QVERIFY(m_engine->resolve(a, QStringLiteral("operator")));
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.counts().needsHuman, 0);
    }

    void search_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("expectedNames");
        QTest::newRow("name-substring") << QStringLiteral("mar") << QStringList{QStringLiteral("María")};
        QTest::newRow("message-text")
            << QStringLiteral("refund") << QStringList{QStringLiteral("Kenji 健二")};
        QTest::newRow("message-prefix")
            << QStringLiteral("refu") << QStringList{QStringLiteral("Kenji 健二")};
        QTest::newRow("accent-insensitive-text")
            << QStringLiteral("cafe") << QStringList{QStringLiteral("Олег")};
        QTest::newRow("phone-digits")
            << QStringLiteral("+44 7700") << QStringList{QStringLiteral("Kenji 健二")};
        // Quotes, stars, parentheses and a column filter are plain text: the words are "refund"
        // and "order", both in Kenji's message.
        QTest::newRow("fts-syntax-is-text")
            << QStringLiteral("\"refund* (order:") << QStringList{QStringLiteral("Kenji 健二")};
        QTest::newRow("no-match") << QStringLiteral("zzzz") << QStringList{};
        QTest::newRow("percent-is-literal") << QStringLiteral("%") << QStringList{};
    }
    void search()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, expectedNames);
        customer(QStringLiteral("5511999990000"), QStringLiteral("María"), QStringLiteral("Hola"), 1000);
        QVERIFY(settled());
        customer(QStringLiteral("447700900123"), QStringLiteral("Kenji 健二"),
                 QStringLiteral("I need a refund for order 42"), 2000);
        customer(QStringLiteral("79001234567"), QStringLiteral("Олег"), QStringLiteral("Is the Café open?"),
                 3000);
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSearch(typed);
        QVERIFY(settled());
        QStringList names;
        for (int row = 0; row < model.rowCount(); ++row)
            names << model.index(row).data().toString();
        QCOMPARE(names, expectedNames);
    }

    void search_liveMessageMatchingSearchJoins()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"), 1000);
        QVERIFY(settled());
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSearch(QStringLiteral("invoice"));
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 0);
        customer(QStringLiteral("2"), QStringLiteral("Bo"), QStringLiteral("Where is my invoice?"), 2000);
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Bo"));
    }

    void reads_arriveBySignalOnTheGuiThread_neverInsideTheCall()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"), 1000);
        customer(QStringLiteral("2"), QStringLiteral("Bo"), QStringLiteral("invoice please"), 2000);
        ConversationListModel model(*m_store);
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0); // nothing read on this thread
        QVERIFY(test::waitForList(model));
        QCOMPARE(model.rowCount(), 2);

        QThread* arrivedOn = nullptr;
        connect(&model, &ConversationListModel::pageLoaded, this,
                [&arrivedOn] { arrivedOn = QThread::currentThread(); });
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setSearch(QStringLiteral("invoice"));
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 2); // the previous rows stay until the new page is there
        QCOMPARE(resets.size(), 0);
        QVERIFY(test::waitForList(model));
        QCOMPARE(arrivedOn, QThread::currentThread());
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 1);
    }

    void search_supersededByTyping_isDroppedUnseen()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("hello"), 1000);
        customer(QStringLiteral("2"), QStringLiteral("Bo"), QStringLiteral("invoice please"), 2000);
        ConversationListModel model(*m_store);
        QVERIFY(test::waitForList(model));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy pages(&model, &ConversationListModel::pageLoaded);
        const quint64 supersededBefore = m_store->reader().supersededReads();
        // Typing "invo" letter by letter: only the last search is ever shown.
        for (const QString& typed :
             {QStringLiteral("i"), QStringLiteral("in"), QStringLiteral("inv"), QStringLiteral("invo")})
            model.setSearch(typed);
        QVERIFY(settled());
        QCOMPARE(resets.size(), 1);
        QCOMPARE(pages.size(), 1);
        // Three pages and three searches' counts, each superseded by the next.
        QCOMPARE(m_store->reader().supersededReads() - supersededBefore, quint64(6));
        QCOMPARE(model.filter().search, QStringLiteral("invo"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Bo"));
    }

    void searchCounts_followTheSearch_cappedWhenTheWindowIsFull()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("invoice please"), 1000);
        customer(QStringLiteral("2"), QStringLiteral("Bea"), QStringLiteral("invoice, I want a human"), 2000);
        customer(QStringLiteral("3"), QStringLiteral("Cid"), QStringLiteral("invoice again"), 3000);
        customer(QStringLiteral("4"), QStringLiteral("Dan"), QStringLiteral("hello"), 4000);
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QVERIFY(!model.searchCounts());
        QCOMPARE(model.counts().all, 4);

        QSignalSpy changed(&model, &ConversationListModel::searchCountsChanged);
        model.setSearch(QStringLiteral("invoice"));
        QVERIFY(!model.searchCounts()); // read on the reader thread, never inside the call
        QVERIFY(settled());
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.searchCounts());
        const auto& found = *model.searchCounts();
        using Count = ConversationListModel::SearchCount;
        QCOMPARE(ConversationListModel::searchCountOf(found, InboxView::All), (Count{3, false}));
        QCOMPARE(ConversationListModel::searchCountOf(found, InboxView::NeedsHuman), (Count{1, false}));
        QCOMPARE(ConversationListModel::searchCountOf(found, InboxView::Bot), (Count{2, false}));
        QCOMPARE(ConversationListModel::searchCountOf(found, InboxView::Resolved), (Count{0, false}));
        QCOMPARE(model.counts().all, 4); // the kept totals stay what they are

        // A live message that matches is counted.
        customer(QStringLiteral("4"), QString(), QStringLiteral("my invoice?"), 5000);
        QVERIFY(settled());
        QCOMPARE(ConversationListModel::searchCountOf(*model.searchCounts(), InboxView::All),
                 (Count{4, false}));

        // Past the cap the count says "at least".
        model.setSearchCountCap(2);
        model.setSearch(QStringLiteral("invoic"));
        QVERIFY(settled());
        QCOMPARE(ConversationListModel::searchCountOf(*model.searchCounts(), InboxView::All),
                 (Count{2, true}));
        QCOMPARE(ConversationListModel::searchCountOf(*model.searchCounts(), InboxView::NeedsHuman),
                 (Count{1, false}));

        // Cleared: back to the kept totals at once.
        changed.clear();
        model.setSearch(QString());
        QCOMPARE(changed.size(), 1);
        QVERIFY(!model.searchCounts());
        QVERIFY(settled());
        QVERIFY(!model.searchCounts());
    }

    void searchCounts_supersededByTyping_onlyTheLastArrives()
    {
        customer(QStringLiteral("1"), QStringLiteral("Ana"), QStringLiteral("invoice please"), 1000);
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QSignalSpy changed(&model, &ConversationListModel::searchCountsChanged);
        for (const QString& typed : {QStringLiteral("zz"), QStringLiteral("in"), QStringLiteral("invo")})
            model.setSearch(typed);
        QVERIFY(settled());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ConversationListModel::searchCountOf(*model.searchCounts(), InboxView::All).found, 1);
    }

    // Presence arrives as a whole; only the rows whose operators changed are repainted.
    void presence_dataChangedOnlyForTheRowsWhoseOperatorsChanged()
    {
        QVERIFY(test::addConversations(*m_db, *m_store, m_bot, 5));
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 5);
        const QString carlas = idAt(model, 1);
        const QString anas = idAt(model, 3);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<QList<int>> roles;
        const auto changedRows = [&] {
            QList<int> rows;
            for (const QList<QVariant>& args : std::as_const(changed)) {
                const QModelIndex top = args.at(0).toModelIndex();
                rows << (top == args.at(1).toModelIndex() ? top.row() : -1);
                roles << args.at(2).value<QList<int>>();
            }
            changed.clear();
            std::sort(rows.begin(), rows.end());
            return rows;
        };
        using Rows = QList<int>;

        Presence viewing;
        viewing.add(carlas, QStringLiteral("Carla"), false);
        viewing.add(QStringLiteral("conv_not_loaded"), QStringLiteral("Bea"), true);
        model.setPresence(viewing);
        QCOMPARE(changedRows(), Rows{1});
        QCOMPARE(model.index(1).data(ConversationRoles::PresenceTextRole).toString(),
                 QStringLiteral("\u2068Carla\u2069 is viewing"));
        QCOMPARE(model.index(1).data(ConversationRoles::PresenceRole).value<QList<PresenceEntry>>(),
                 QList<PresenceEntry>({{QStringLiteral("Carla"), false}}));
        QCOMPARE(model.index(0).data(ConversationRoles::PresenceTextRole).toString(), QString());

        model.setPresence(viewing); // the same again: nothing to repaint
        QCOMPARE(changedRows(), Rows{});

        Presence second = viewing;
        second.add(anas, QStringLiteral("Ana"), true);
        model.setPresence(second);
        QCOMPARE(changedRows(), Rows{3});
        QCOMPARE(model.index(3).data(ConversationRoles::PresenceTextRole).toString(),
                 QStringLiteral("\u2068Ana\u2069 is typing…"));

        Presence typing;
        typing.add(carlas, QStringLiteral("Carla"), true);
        typing.add(anas, QStringLiteral("Ana"), true);
        model.setPresence(typing); // Carla types now; Ana's row and the unloaded one are unchanged
        QCOMPARE(changedRows(), Rows{1});

        model.setPresence(Presence());
        QCOMPARE(changedRows(), (Rows{1, 3}));
        for (const QList<int>& r : std::as_const(roles))
            QCOMPARE(r, (QList<int>{ConversationRoles::PresenceRole, ConversationRoles::PresenceTextRole}));
    }

    void title_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("title");
        QTest::newRow("name-wins") << "whatsapp"
                                   << "5511999990000"
                                   << "Maria"
                                   << "Maria";
        QTest::newRow("html-name-literal") << "whatsapp"
                                           << "1"
                                           << "<b>bold</b><img src=x>"
                                           << "<b>bold</b><img src=x>";
        QTest::newRow("whatsapp-number") << "whatsapp"
                                         << "5511999990000"
                                         << ""
                                         << "+55 11 99999 0000";
        QTest::newRow("uae-number") << "whatsapp"
                                    << "971501234567"
                                    << ""
                                    << "+971 50 123 4567";
        QTest::newRow("us-number") << "whatsapp"
                                   << "14155550123"
                                   << ""
                                   << "+1 415 555 0123";
        QTest::newRow("telegram-handle") << "telegram"
                                         << "@maria"
                                         << ""
                                         << "@maria";
        QTest::newRow("telegram-id") << "telegram"
                                     << "123456789"
                                     << ""
                                     << "Telegram user 123456789";
    }
    void title()
    {
        QFETCH(QString, channel);
        QFETCH(QString, externalId);
        QFETCH(QString, name);
        QFETCH(QString, title);
        QVERIFY(m_store->upsertConversation(m_bot.id, channel, externalId, name, 1000));
        ConversationListModel model(*m_store);
        QVERIFY(settled());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), title);
    }

    void ftsQuery_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("query");
        QTest::newRow("one-word") << "refund"
                                  << "\"refund\"*";
        QTest::newRow("two-words") << "late order"
                                   << "\"late\"* \"order\"*";
        QTest::newRow("syntax-stripped") << "\"a\" OR b*"
                                         << "\"a\"* \"OR\"* \"b\"*";
        QTest::newRow("nothing-searchable") << "*** ()"
                                            << "";
        QTest::newRow("non-latin") << "健二"
                                   << "\"健二\"*";
    }
    void ftsQuery()
    {
        QFETCH(QString, typed);
        QFETCH(QString, query);
        QCOMPARE(ConversationListQuery::ftsQuery(typed), query);
    }
};

QTEST_GUILESS_MAIN(tst_ConversationListModel)
#include "tst_conversationlistmodel.moc"
