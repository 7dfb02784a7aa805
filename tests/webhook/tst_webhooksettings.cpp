// SPDX-License-Identifier: Apache-2.0
#include "secretstore.h"
#include "webhooksettings.h"

#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace zapito;

namespace {

// Runs an asynchronous SecretStore call to its end and returns what it answered.
struct ReadResult
{
    bool answered = false;
    std::optional<QString> value;
    QString error;
};

ReadResult readSync(SecretStore& store, const QString& key)
{
    ReadResult result;
    store.read(key, [&result](std::optional<QString> value, QString error) {
        result.answered = true;
        result.value = std::move(value);
        result.error = std::move(error);
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.answered, 20000); }();
    return result;
}

QString writeSync(SecretStore& store, const QString& key, const QString& value)
{
    bool answered = false;
    QString error;
    store.write(key, value, [&](QString e) {
        answered = true;
        error = std::move(e);
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(answered, 20000); }();
    return answered ? error : QStringLiteral("no answer");
}

int fileMode(const QString& path)
{
    struct stat info
    {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

} // namespace

class tst_WebhookSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void endpointProblem_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty-means-no-webhook") << QString() << true;
        QTest::newRow("https") << QStringLiteral("https://hooks.example.com/zapito") << true;
        QTest::newRow("http-port-query") << QStringLiteral("http://127.0.0.1:8080/hook?token=a") << true;
        QTest::newRow("ipv6-host") << QStringLiteral("https://[::1]:8443/hook") << true;
        QTest::newRow("surrounding-spaces-trimmed") << QStringLiteral("  https://example.com/h  ") << true;
        QTest::newRow("uppercase-scheme") << QStringLiteral("HTTPS://example.com/") << true;
        QTest::newRow("ftp-refused") << QStringLiteral("ftp://example.com/hook") << false;
        QTest::newRow("file-refused") << QStringLiteral("file:///etc/passwd") << false;
        QTest::newRow("javascript-refused") << QStringLiteral("javascript:alert(1)") << false;
        QTest::newRow("mailto-refused") << QStringLiteral("mailto:leads@example.com") << false;
        QTest::newRow("no-scheme") << QStringLiteral("example.com/hook") << false;
        QTest::newRow("no-host") << QStringLiteral("https:///hook") << false;
        QTest::newRow("scheme-only") << QStringLiteral("http://") << false;
        QTest::newRow("inner-space") << QStringLiteral("https://example.com/my hook") << false;
        QTest::newRow("credentials-in-url") << QStringLiteral("https://user:pass@example.com/hook") << false;
        QTest::newRow("fragment") << QStringLiteral("https://example.com/hook#x") << false;
        QTest::newRow("bad-port") << QStringLiteral("https://example.com:99999/hook") << false;
    }
    void endpointProblem()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        const QString problem = WebhookSettings::endpointProblem(url);
        QCOMPARE(problem.isEmpty(), valid);
        if (!valid)
            QVERIFY2(problem.endsWith(u'.') || problem.contains(u':'), qPrintable(problem)); // a sentence
    }

    void configurationProblem_secretRequiredWithEndpoint()
    {
        QVERIFY(
            !WebhookSettings::configurationProblem(QStringLiteral("https://example.com/h"), {}).isEmpty());
        QVERIFY(WebhookSettings::configurationProblem(QStringLiteral("https://example.com/h"),
                                                      QStringLiteral("s"))
                    .isEmpty());
        QVERIFY(WebhookSettings::configurationProblem({}, {}).isEmpty());
    }

    void generateSecret_is32RandomBytesInHex()
    {
        const QString a = SecretStore::generateSecret();
        const QString b = SecretStore::generateSecret();
        QCOMPARE(a.size(), 64);
        QVERIFY(QByteArray::fromHex(a.toLatin1()).size() == 32);
        QCOMPARE(a, a.toLower());
        QVERIFY(a != b);
    }

    void fileFallback_isMode0600_andRoundTrips()
    {
        const QString path = m_dir->filePath(QStringLiteral("data/secrets.json"));
        SecretStore store(SecretStore::Backend::FileOnly, path);
        QVERIFY(store.usesFileFallback());
        QVERIFY(store.storageDescription().contains(QStringLiteral("0600")));
        const QString secret = SecretStore::generateSecret();

        QCOMPARE(readSync(store, QStringLiteral("webhook/signing-secret")).value.has_value(), false);
        QCOMPARE(writeSync(store, QStringLiteral("webhook/signing-secret"), secret), QString());
        QCOMPARE(fileMode(path), 0600);
        const ReadResult read = readSync(store, QStringLiteral("webhook/signing-secret"));
        QVERIFY(read.error.isEmpty());
        QVERIFY(read.value.has_value() && *read.value == secret); // never QCOMPARE a secret

        // A second write keeps the mode (the file is replaced, not appended to).
        QCOMPARE(writeSync(store, QStringLiteral("telegram/token"), QStringLiteral("t")), QString());
        QCOMPARE(fileMode(path), 0600);

        bool removed = false;
        store.remove(QStringLiteral("webhook/signing-secret"),
                     [&](const QString& e) { removed = e.isEmpty(); });
        QTRY_VERIFY(removed);
        QVERIFY(!readSync(store, QStringLiteral("webhook/signing-secret")).value.has_value());
        QVERIFY(readSync(store, QStringLiteral("telegram/token")).value == QStringLiteral("t"));
    }

    void callbacks_neverRunInsideTheCall()
    {
        SecretStore store(SecretStore::Backend::FileOnly, m_dir->filePath(QStringLiteral("s.json")));
        bool answered = false;
        store.read(QStringLiteral("k"), [&](std::optional<QString>, QString) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY(answered);
    }

    void automatic_withoutDbus_usesTheFileAtOnce()
    {
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        SecretStore store(SecretStore::Backend::Automatic, m_dir->filePath(QStringLiteral("s.json")));
        if (!saved.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        QVERIFY(store.usesFileFallback());
        QCOMPARE(writeSync(store, QStringLiteral("k"), QStringLiteral("v")), QString());
        QCOMPARE(fileMode(store.fallbackFilePath()), 0600);
    }

    void automatic_withSlowKeychain_saysTryAgain_andNeverSwitchesToTheFile()
    {
        // First of the bus tests: Qt keeps one session bus connection per process.
        // A bus that accepts connections and never speaks, like a keychain waiting to be unlocked.
        QLocalServer bus;
        const QString busPath = m_dir->filePath(QStringLiteral("hung-bus"));
        QVERIFY(bus.listen(busPath));
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(busPath));
        SecretStore store(SecretStore::Backend::Automatic, m_dir->filePath(QStringLiteral("s.json")));
        store.setKeychainTimeout(std::chrono::milliseconds(500));
        QSignalSpy storage(&store, &SecretStore::storageChanged);
        // Only returns if this thread's event loop keeps running while the keychain hangs.
        const QString error = writeSync(store, QStringLiteral("k"), QStringLiteral("v"));
        const ReadResult first = readSync(store, QStringLiteral("k"));
        const ReadResult second = readSync(store, QStringLiteral("k"));
        if (saved.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        QVERIFY(error.contains(QStringLiteral("did not answer")));
        // A read that cannot be answered now is an error to retry, never "no secret stored".
        QVERIFY(first.answered && !first.value && !first.error.isEmpty());
        QVERIFY(second.answered && !second.value && !second.error.isEmpty());
        QVERIFY(!store.usesFileFallback());
        QCOMPARE(storage.count(), 0);
        QVERIFY(!QFile::exists(store.fallbackFilePath())); // nothing was put in the file instead
    }

    void damagedSecretsFile_isNeitherReadAsEmptyNorOverwritten_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("truncated") << QByteArray("{\"webhook/signing_secret\":\"abc");
        QTest::newRow("not-json") << QByteArray("\x00\x01garbage");
        QTest::newRow("json-array") << QByteArray("[\"abc\"]");
    }
    void damagedSecretsFile_isNeitherReadAsEmptyNorOverwritten()
    {
        QFETCH(QByteArray, contents);
        const QString path = m_dir->filePath(QStringLiteral("damaged.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(contents);
        }
        SecretStore store(SecretStore::Backend::FileOnly, path);
        const ReadResult read = readSync(store, QStringLiteral("telegram/bot_token"));
        QVERIFY(!read.value);
        QVERIFY2(read.error.contains(path) && read.error.contains(QStringLiteral("damaged")),
                 qPrintable(read.error));
        const QString written =
            writeSync(store, QStringLiteral("webhook/signing_secret"), QStringLiteral("new"));
        QVERIFY2(written.contains(path), qPrintable(written));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), contents); // every other secret in it is still there to be rescued
    }

    void automatic_withDeadDbus_fallsBackWithoutHanging()
    {
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + QFile::encodeName(m_dir->filePath(QStringLiteral("no-bus"))));
        SecretStore store(SecretStore::Backend::Automatic, m_dir->filePath(QStringLiteral("s.json")));
        store.setKeychainTimeout(std::chrono::milliseconds(2000));
        const QString error = writeSync(store, QStringLiteral("k"), QStringLiteral("v"));
        const ReadResult read = readSync(store, QStringLiteral("k"));
        if (saved.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        QCOMPARE(error, QString());
        QVERIFY(store.usesFileFallback());
        QVERIFY(read.value == QStringLiteral("v"));
    }

    void save_keepsTheSecretOutOfQSettings()
    {
        SecretStore store(SecretStore::Backend::FileOnly, m_dir->filePath(QStringLiteral("secrets.json")));
        const QString ini = m_dir->filePath(QStringLiteral("settings.ini"));
        WebhookSettings settings(store, ini);
        QSignalSpy changed(&settings, &WebhookSettings::changed);
        const QString secret = SecretStore::generateSecret();

        bool answered = false;
        QString error;
        settings.save(QStringLiteral("https://hooks.example.com/zapito"), true, secret,
                      [&](const QString& e) {
                          answered = true;
                          error = e;
                      });
        QTRY_VERIFY(answered);
        QCOMPARE(error, QString());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(settings.endpoint(), QStringLiteral("https://hooks.example.com/zapito"));
        QVERIFY(settings.isEnabled());
        QVERIFY(settings.isActive());

        QFile file(ini);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.contains("hooks.example.com"));
        QVERIFY(!contents.contains(secret.toLatin1()));
        QVERIFY(!contents.contains("signing-secret"));

        bool read = false;
        settings.readSecret(
            [&](std::optional<QString> value, const QString&) { read = value && *value == secret; });
        QTRY_VERIFY(read);
    }

    void save_refusesEndpointWithoutSecret_andStoresNothing()
    {
        SecretStore store(SecretStore::Backend::FileOnly, m_dir->filePath(QStringLiteral("secrets.json")));
        WebhookSettings settings(store, m_dir->filePath(QStringLiteral("settings.ini")));
        bool answered = false;
        QString error;
        settings.save(QStringLiteral("https://hooks.example.com/zapito"), true, {}, [&](const QString& e) {
            answered = true;
            error = e;
        });
        QTRY_VERIFY(answered);
        QVERIFY(error.contains(QStringLiteral("secret")));
        QCOMPARE(settings.endpoint(), QString());
        QVERIFY(!settings.isActive());
    }

    void setEndpoint_refusesInvalid_andSwitchWorks()
    {
        SecretStore store(SecretStore::Backend::FileOnly, m_dir->filePath(QStringLiteral("secrets.json")));
        WebhookSettings settings(store, m_dir->filePath(QStringLiteral("settings.ini")));
        QVERIFY(!settings.setEndpoint(QStringLiteral("ftp://example.com")).isEmpty());
        QCOMPARE(settings.endpoint(), QString());
        QCOMPARE(settings.setEndpoint(QStringLiteral("http://127.0.0.1:1/h")), QString());
        QVERIFY(settings.isActive());
        settings.setEnabled(false);
        QVERIFY(!settings.isActive());
        // Persisted: a new object over the same file sees the same values.
        WebhookSettings again(store, m_dir->filePath(QStringLiteral("settings.ini")));
        QVERIFY(!again.isEnabled());
        QCOMPARE(again.endpoint(), QStringLiteral("http://127.0.0.1:1/h"));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookSettings)
#include "tst_webhooksettings.moc"
