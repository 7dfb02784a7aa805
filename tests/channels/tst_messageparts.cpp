// SPDX-License-Identifier: Apache-2.0
#include "messageparts.h"

#include <QTest>

using namespace zapito;

// Splitting long answers for channels that cap a text message (4096 on Telegram and WhatsApp).
class tst_MessageParts : public QObject
{
    Q_OBJECT

private slots:
    void split_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("short-stays-whole") << "hello" << 10 << QStringList{QStringLiteral("hello")};
        QTest::newRow("empty-is-one-part") << "" << 10 << QStringList{QString()};
        QTest::newRow("at-space") << "aaaa bbbb cccc" << 10
                                  << QStringList{QStringLiteral("aaaa bbbb"), QStringLiteral("cccc")};
        QTest::newRow("prefers-newline")
            << "aaa\nbb ccc dd" << 10 << QStringList{QStringLiteral("aaa\nbb"), QStringLiteral("ccc dd")};
        QTest::newRow("hard-cut-without-spaces")
            << "abcdefghijkl" << 5
            << QStringList{QStringLiteral("abcde"), QStringLiteral("fghij"), QStringLiteral("kl")};
        // U+1F600 is a surrogate pair: the cut moves before it instead of splitting it.
        QTest::newRow("keeps-surrogate-pair")
            << QString(QStringLiteral("abcd") + QString::fromUcs4(U"\U0001F600") + u'e') << 5
            << QStringList{QStringLiteral("abcd"), QString(QString::fromUcs4(U"\U0001F600") + u'e')};
    }
    void split()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        QFETCH(QStringList, parts);
        const QStringList got = splitMessage(text, limit);
        QCOMPARE(got, parts);
        for (const QString& part : got)
            QVERIFY(part.size() <= limit);
    }

    void sendInOrder_stopsAtFirstFailure()
    {
        QStringList sent;
        std::optional<SendResult> result;
        int calls = 0;
        sendInOrder(
            {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")},
            [&](const QString& part, Channel::Done done) {
                sent.append(part);
                done(part == QLatin1String("2") ? SendResult{false, QStringLiteral("nope")}
                                                : SendResult{true, {}});
            },
            [&](SendResult r) {
                ++calls;
                result = r;
            });
        QCOMPARE(calls, 1);
        QVERIFY(!result->ok);
        QCOMPARE(sent, QStringList({QStringLiteral("1"), QStringLiteral("2")}));
    }
};

QTEST_GUILESS_MAIN(tst_MessageParts)
#include "tst_messageparts.moc"
