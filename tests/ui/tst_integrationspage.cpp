// SPDX-License-Identifier: Apache-2.0
#include "deliverystore.h"
#include "integrationspage.h"
#include "localhttpserver.h"
#include "secretstore.h"
#include "testdatabase.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace zapito;

// Settings → Integrations through its widgets: inline validation, nothing saved until valid,
// the secret's buttons, and Send test event against a real local HTTP server.
class tst_IntegrationsPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<WebhookSettings> m_settings;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<WebhookDispatcher> m_dispatcher;
    std::unique_ptr<IntegrationsPage> m_page;

    template<typename T> T* find(const char* name) const
    {
        return m_page->findChild<T*>(QLatin1String(name));
    }
    void openPage()
    {
        m_page = std::make_unique<IntegrationsPage>(*m_settings, m_dispatcher.get());
        m_page->show();
        if (!m_page->isLoaded()) {
            QSignalSpy loaded(m_page.get(), &IntegrationsPage::loaded);
            QVERIFY(loaded.wait(10'000));
        }
    }
    void type(const char* field, const QString& text)
    {
        auto* edit = find<QLineEdit>(field);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_tmp = std::make_unique<test::TestDatabase>();
        m_db = m_tmp->open();
        QVERIFY(m_db);
        m_secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                  m_tmp->filePath(QStringLiteral("secrets.json")));
        m_settings =
            std::make_unique<WebhookSettings>(*m_secrets, m_tmp->filePath(QStringLiteral("settings.ini")));
        m_deliveries = std::make_unique<DeliveryStore>(*m_db);
        m_dispatcher = std::make_unique<WebhookDispatcher>(*m_deliveries, *m_settings);
    }
    void cleanup()
    {
        m_page.reset();
        m_dispatcher.reset();
        m_deliveries.reset();
        m_settings.reset();
        m_secrets.reset();
        m_db.reset();
        m_tmp.reset();
    }

    void invalidEndpoint_showsErrorAndSavesNothing_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("ftp-scheme") << QStringLiteral("ftp://example.com/hook");
        QTest::newRow("no-scheme") << QStringLiteral("example.com/hook");
        QTest::newRow("space") << QStringLiteral("https://example.com/my hook");
        QTest::newRow("credentials") << QStringLiteral("https://user:pw@example.com/hook");
    }
    void invalidEndpoint_showsErrorAndSavesNothing()
    {
        QFETCH(QString, url);
        openPage();
        type("secretEdit", QStringLiteral("s3cret-value"));
        type("endpointEdit", url);
        auto* error = find<QLabel>("endpointError");
        QVERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QSignalSpy applied(m_page.get(), &SettingsPage::applied);
        m_page->apply();
        QCOMPARE(applied.size(), 1); // refused at once: nothing to wait for
        QCOMPARE(applied.at(0).at(0).toBool(), false);
        QCOMPARE(m_settings->endpoint(), QString());
    }

    void endpointWithoutSecret_isRefusedThenGenerateMakesItValid()
    {
        openPage();
        type("endpointEdit", QStringLiteral("https://hooks.example.com/zapito"));
        QVERIFY(find<QLabel>("secretError")->isVisible());

        auto* secret = find<QLineEdit>("secretEdit");
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QTest::mouseClick(find<QToolButton>("generateSecretButton"), Qt::LeftButton);
        QCOMPARE(secret->text().size(), 64);
        QCOMPARE(secret->echoMode(), QLineEdit::Password); // still masked
        QTest::mouseClick(find<QToolButton>("showSecretButton"), Qt::LeftButton);
        QCOMPARE(secret->echoMode(), QLineEdit::Normal);
        QVERIFY(!find<QLabel>("secretError")->isVisible());

        QVERIFY(m_page->hasChanges());
        QSignalSpy saved(m_page.get(), &IntegrationsPage::saved);
        m_page->apply();
        QVERIFY(saved.wait(10'000));
        QVERIFY(!m_page->hasChanges());
        QCOMPARE(m_settings->endpoint(), QStringLiteral("https://hooks.example.com/zapito"));
        std::optional<QString> stored;
        bool done = false;
        m_settings->readSecret([&](std::optional<QString> value, const QString&) {
            stored = value;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(stored && *stored == secret->text()); // never QCOMPARE a secret
    }

    void testEvent_showsStatusLatencyAndPlainResponse()
    {
        test::LocalHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(test::ScriptedResponse::reply(201, QByteArrayLiteral("<b>received</b><img src=x>")));
        openPage();
        type("endpointEdit", server.url(QStringLiteral("/hook")).toString());
        QTest::mouseClick(find<QToolButton>("generateSecretButton"), Qt::LeftButton);
        QSignalSpy shown(m_page.get(), &IntegrationsPage::testEventShown);
        auto* test = find<QPushButton>("testEventButton");
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(!test->isEnabled()); // running in the background; the page stays responsive
        QVERIFY(shown.wait(15'000));
        QVERIFY(test->isEnabled());
        auto* result = find<QLabel>("testResultLabel");
        QVERIFY2(result->text().contains(QStringLiteral("201")), qPrintable(result->text()));
        QVERIFY2(result->text().endsWith(QStringLiteral(" s")), qPrintable(result->text())); // in seconds
        auto* response = find<QPlainTextEdit>("testResponseText");
        QCOMPARE(response->toPlainText(), QStringLiteral("<b>received</b><img src=x>"));
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(server.lastRequest().hasHeader("X-Zapito-Signature"));
        QCOMPARE(m_settings->endpoint(), QString()); // testing saves nothing
    }

    void testEvent_connectionRefused_showsTheError()
    {
        openPage();
        type("endpointEdit",
             QStringLiteral("http://127.0.0.1:%1/hook").arg(test::LocalHttpServer::unusedPort()));
        QTest::mouseClick(find<QToolButton>("generateSecretButton"), Qt::LeftButton);
        QSignalSpy shown(m_page.get(), &IntegrationsPage::testEventShown);
        QTest::mouseClick(find<QPushButton>("testEventButton"), Qt::LeftButton);
        QVERIFY(shown.wait(15'000));
        const QString text = find<QLabel>("testResultLabel")->text();
        QVERIFY2(text.startsWith(QStringLiteral("✗")), qPrintable(text));
        QVERIFY(!find<QPlainTextEdit>("testResponseText")->isVisible());
    }
};

QTEST_MAIN(tst_IntegrationsPage)
#include "tst_integrationspage.moc"
