// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "settingspage.h"

#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace zapito {

class WebhookDispatcher;
class WebhookSettings;
struct TestEventResult;

// Settings → Integrations: the lead webhook's endpoint URL, signing secret (masked; show, copy,
// generate) and switch, and Send test event. Errors appear next to the field as you type and
// nothing is stored (OK / Apply) until the whole form is valid. The test event runs in the background and
// reports status, latency and the response excerpt (as plain text) or the error.
class IntegrationsPage final : public SettingsPage
{
    Q_OBJECT
public:
    // `dispatcher` may be null (no Send test event then).
    IntegrationsPage(WebhookSettings& settings, WebhookDispatcher* dispatcher, QWidget* parent = nullptr);

    // True once the stored secret has been read into the form (it arrives asynchronously).
    bool isLoaded() const override { return m_loaded; }
    void apply() override;
    void revert() override;

signals:
    void loaded();
    void testEventShown();

protected:
    QString snapshot() const override;

private:
    // Whether the form may be stored; shows the errors once the operator has typed.
    bool validate();
    void readStored();
    void sendTestEvent();
    void showTestResult(const TestEventResult& result);

    WebhookSettings& m_settings;
    QPointer<WebhookDispatcher> m_dispatcher;
    QLineEdit* m_endpoint;
    QLabel* m_endpointError;
    QLineEdit* m_secret;
    QToolButton* m_showSecret;
    QToolButton* m_copySecret;
    QToolButton* m_generateSecret;
    QLabel* m_secretError;
    QLabel* m_storageNote;
    QCheckBox* m_enabled;
    QPushButton* m_test;
    QLabel* m_testResult;
    QPlainTextEdit* m_testResponse;
    bool m_loaded = false;
    bool m_testRunning = false;
    bool m_touched = false;
};

} // namespace zapito
