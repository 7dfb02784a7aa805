// SPDX-License-Identifier: Apache-2.0
#include "channelstate.h"
#include "creditbudget.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

#include <latch>
#include <thread>

using namespace zapito;

namespace {
constexpr qint64 kJuly2026 = 1'782'907'200'000; // 2026-07-01T12:00:00Z
} // namespace

// The month's count of model replies is one statement per reply, so processes counting at the
// same moment (a leader and the standby taking over) never lose one.
class tst_CreditBudget : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ChannelState> m_state;
    std::unique_ptr<CreditBudget> m_budget;

private slots:
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_state = std::make_unique<ChannelState>(*m_db);
        m_budget = std::make_unique<CreditBudget>(*m_state);
        m_budget->setClock([] { return kJuly2026; });
    }
    void cleanup()
    {
        m_budget.reset();
        m_state.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void spendOne_countsOnFromTheStoredNumber_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<int>("after");
        QTest::newRow("first-of-the-month") << QString() << 1;
        QTest::newRow("forty-one-so-far") << QStringLiteral("41") << 42;
    }
    void spendOne_countsOnFromTheStoredNumber()
    {
        QFETCH(QString, stored);
        QFETCH(int, after);
        QCOMPARE(m_budget->currentKey(), QStringLiteral("agent.model_replies.2026-07"));
        if (!stored.isNull())
            QVERIFY(m_state->setValue(m_budget->currentKey(), stored));
        QSignalSpy used(m_budget.get(), &CreditBudget::usedChanged);
        m_budget->spendOne();
        QCOMPARE(used.count(), 1);
        QCOMPARE(used.at(0).at(0).toInt(), after);
        QCOMPARE(m_budget->usedThisMonth(), after);
        m_budget->setMonthlyLimit(after);
        QVERIFY(m_budget->isExhausted());
    }

    void spendOne_fromTwoProcessesAtOnce_countsBoth()
    {
        constexpr int kEach = 40;
        std::latch start(2);
        QString errors[2];
        auto run = [&](int i) {
            DatabaseOpenError error;
            auto db = Database::open(m_tmp->path(), &error);
            if (!db) {
                errors[i] = error.message;
                start.count_down();
                return;
            }
            ChannelState state(*db);
            CreditBudget budget(state);
            budget.setClock([] { return kJuly2026; });
            start.arrive_and_wait();
            for (int n = 0; n < kEach; ++n)
                budget.spendOne();
        };
        std::thread a(run, 0);
        std::thread b(run, 1);
        a.join();
        b.join();
        QVERIFY2(errors[0].isEmpty() && errors[1].isEmpty(), qPrintable(errors[0] + errors[1]));
        QCOMPARE(m_budget->usedThisMonth(), 2 * kEach);
    }
};

QTEST_GUILESS_MAIN(tst_CreditBudget)
#include "tst_creditbudget.moc"
