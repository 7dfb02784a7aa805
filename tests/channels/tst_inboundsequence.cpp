// SPDX-License-Identifier: Apache-2.0
#include "inboundsequence.h"

#include <QTest>

using namespace zapito;

// InboundSequence: one step at a time, in order, stopping at the first failure, whether the
// answers come back at once or later.
class tst_InboundSequence : public QObject
{
    Q_OBJECT

private slots:
    void synchronousAnswers_runInOrderWithoutRecursion()
    {
        // Deep enough that recursion per step would blow the stack.
        constexpr qsizetype kSteps = 200'000;
        qsizetype started = 0;
        int depth = 0;
        int deepest = 0;
        std::optional<qsizetype> finishedWith;
        InboundSequence::run(
            kSteps,
            [&](qsizetype index, const ChannelConnector::Committed& committed) {
                QCOMPARE(index, started);
                ++started;
                deepest = std::max(deepest, ++depth);
                committed(Status::ok());
                --depth;
            },
            [&](qsizetype committed, const Status& status) {
                QVERIFY(status.isOk());
                finishedWith = committed;
            });
        QCOMPARE(started, kSteps);
        QCOMPARE(finishedWith, std::optional<qsizetype>(kSteps));
        QCOMPARE(deepest, 1);
    }

    void laterAnswers_nextStepOnlyAfterThePreviousCommitted()
    {
        QList<ChannelConnector::Committed> pending;
        QList<qsizetype> started;
        std::optional<Status> result;
        InboundSequence::run(
            3,
            [&](qsizetype index, const ChannelConnector::Committed& committed) {
                started.append(index);
                pending.append(committed);
            },
            [&](qsizetype, const Status& status) { result = status; });
        QCOMPARE(started, QList<qsizetype>({0}));
        pending.takeFirst()(Status::ok());
        QCOMPARE(started, QList<qsizetype>({0, 1}));
        pending.takeFirst()(Status::ok());
        QCOMPARE(started, QList<qsizetype>({0, 1, 2}));
        QVERIFY(!result.has_value());
        pending.takeFirst()(Status::ok());
        QVERIFY(result.has_value() && result->isOk());
    }

    void failure_stopsThere_andLateOrRepeatedAnswersAreIgnored_data()
    {
        QTest::addColumn<bool>("synchronous");
        QTest::newRow("answered-at-once") << true;
        QTest::newRow("answered-later") << false;
    }
    void failure_stopsThere_andLateOrRepeatedAnswersAreIgnored()
    {
        QFETCH(bool, synchronous);
        QList<ChannelConnector::Committed> answers;
        QList<qsizetype> started;
        int finishedCalls = 0;
        qsizetype committedCount = -1;
        QString error;
        InboundSequence::run(
            5,
            [&](qsizetype index, const ChannelConnector::Committed& committed) {
                started.append(index);
                answers.append(committed);
                if (synchronous)
                    committed(index == 2 ? Status::failure(QStringLiteral("locked")) : Status::ok());
            },
            [&](qsizetype count, const Status& status) {
                ++finishedCalls;
                committedCount = count;
                error = status.error();
            });
        if (!synchronous) {
            answers.at(0)(Status::ok());
            answers.at(1)(Status::ok());
            answers.at(2)(Status::failure(QStringLiteral("locked")));
        }
        QCOMPARE(started, QList<qsizetype>({0, 1, 2}));
        QCOMPARE(finishedCalls, 1);
        QCOMPARE(committedCount, qsizetype(2));
        QCOMPARE(error, QStringLiteral("locked"));
        // Answers after the end, or twice, change nothing.
        answers.at(2)(Status::ok());
        answers.at(0)(Status::ok());
        QCOMPARE(started.size(), 3);
        QCOMPARE(finishedCalls, 1);
    }

    void noSteps_finishesAtOnce()
    {
        bool finished = false;
        InboundSequence::run(
            0, [](qsizetype, const ChannelConnector::Committed&) { QFAIL("no step to run"); },
            [&](qsizetype count, const Status& status) {
                QCOMPARE(count, qsizetype(0));
                QVERIFY(status.isOk());
                finished = true;
            });
        QVERIFY(finished);
    }
};

QTEST_GUILESS_MAIN(tst_InboundSequence)
#include "tst_inboundsequence.moc"
