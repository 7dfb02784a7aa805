// SPDX-License-Identifier: Apache-2.0
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The command a receiver's developer runs: exit 0 on a match, 1 otherwise.
class tst_VerifySignatureCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& contents)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(contents);
        return f.fileName();
    }

private slots:
    void exitCode_data()
    {
        QTest::addColumn<QByteArray>("secretFile"); // contents; "<missing>" for no file
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<int>("exitCode");
        const QByteArray secret = "It's a Secret to Everybody";
        const QByteArray body = "Hello, World!";
        const QByteArray good = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        QTest::newRow("github-vector-matches") << secret << body << good << 0;
        QTest::newRow("secret-file-with-newline") << QByteArray(secret + '\n') << body << good << 0;
        QTest::newRow("uppercase-hex")
            << secret << body << QByteArray("sha256=" + good.mid(7).toUpper()) << 0;
        QTest::newRow("wrong-secret") << QByteArray("another secret") << body << good << 1;
        QTest::newRow("tampered-body") << secret << QByteArray("Hello, World?") << good << 1;
        QTest::newRow("bad-signature") << secret << body << QByteArray("sha256=00") << 1;
        QTest::newRow("missing-secret-file") << QByteArray("<missing>") << body << good << 1;
        QTest::newRow("empty-secret-file") << QByteArray() << body << good << 1;
        // Fixed vectors computed outside this code (Python's hmac and `openssl dgst -hmac` agree):
        // the code under test never computes its own expectation.
        const QByteArray big(200000, 'x');
        QTest::newRow("large-body")
            << secret << big
            << QByteArray("sha256=4e9bd049dcad2613596a888f62b7ad823cc73e8ef040ae19b5ac6a79f9c93a3f") << 0;
        QTest::newRow("rfc4231-case-2")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843") << 0;
        QTest::newRow("signature-without-prefix") << secret << body << good.mid(7) << 1;
    }
    void exitCode()
    {
        QFETCH(QByteArray, secretFile);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, signature);
        QFETCH(int, exitCode);
        const QString secretPath = secretFile == "<missing>"
                                       ? m_dir.filePath(QStringLiteral("none"))
                                       : writeFile(QStringLiteral("secret"), secretFile);
        QProcess process;
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY),
                      {QStringLiteral("verify-signature"), QStringLiteral("--secret-file"), secretPath,
                       QStringLiteral("--signature"), QString::fromLatin1(signature)});
        QVERIFY(process.waitForStarted(30000));
        process.write(body);
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), exitCode);
        // The secret never appears in what the command prints.
        const QByteArray printed = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY(!printed.contains("Secret to Everybody"));
        QVERIFY(!printed.contains("Jefe"));
    }

    void missingArguments_exit1()
    {
        QProcess process;
        process.start(QStringLiteral(ZAPITO_INBOX_BINARY), {QStringLiteral("verify-signature")});
        QVERIFY(process.waitForStarted(30000));
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_VerifySignatureCommand)
#include "tst_verifysignaturecommand.moc"
