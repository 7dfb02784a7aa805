// SPDX-License-Identifier: Apache-2.0
#include "signature.h"

#include <QTest>

using namespace zapito;

class tst_Signature : public QObject
{
    Q_OBJECT

private slots:
    void headerValue_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");

        // GitHub's published example for X-Hub-Signature-256.
        QTest::newRow("github-vector")
            << QByteArray("It's a Secret to Everybody") << QByteArray("Hello, World!")
            << QByteArray("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        // RFC 4231 test cases 1 and 2.
        QTest::newRow("rfc4231-case1")
            << QByteArray(20, '\x0b') << QByteArray("Hi There")
            << QByteArray("sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("rfc4231-case2")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("empty-key-empty-body")
            << QByteArray() << QByteArray()
            << QByteArray("sha256=b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }
    void headerValue()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        QCOMPARE(signatureHeaderValue(secret, body), expected);
        QVERIFY(verifySignature(secret, body, expected));
    }

    void headerValue_isLowercaseHex()
    {
        const QByteArray value = signatureHeaderValue("k", QByteArray(1000, 'z'));
        QVERIFY(value.startsWith("sha256="));
        const QByteArray hex = value.mid(7);
        QCOMPARE(hex.size(), 64);
        QCOMPARE(hex, hex.toLower());
        QCOMPARE(QByteArray::fromHex(hex).toHex(), hex);
    }

    void verify_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<bool>("matches");
        const QByteArray secret = "It's a Secret to Everybody";
        const QByteArray body = "Hello, World!";
        const QByteArray good = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        QTest::newRow("match") << secret << body << good << true;
        QTest::newRow("uppercase-hex-matches")
            << secret << body << QByteArray("sha256=" + good.mid(7).toUpper()) << true;
        QTest::newRow("wrong-secret") << QByteArray("It's a secret to everybody") << body << good << false;
        QTest::newRow("tampered-body") << secret << QByteArray("Hello, World?") << good << false;
        QTest::newRow("body-with-newline") << secret << QByteArray("Hello, World!\n") << good << false;
        QTest::newRow("no-prefix") << secret << body << good.mid(7) << false;
        QTest::newRow("sha1-prefix") << secret << body << QByteArray("sha1=" + good.mid(7)) << false;
        QTest::newRow("truncated") << secret << body << good.left(good.size() - 1) << false;
        QTest::newRow("one-digit-off")
            << secret << body << QByteArray(good.left(good.size() - 1) + '8') << false;
        QTest::newRow("empty") << secret << body << QByteArray() << false;
    }
    void verify()
    {
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, signature);
        QFETCH(bool, matches);
        QCOMPARE(verifySignature(secret, body, signature), matches);
    }
};

QTEST_GUILESS_MAIN(tst_Signature)
#include "tst_signature.moc"
