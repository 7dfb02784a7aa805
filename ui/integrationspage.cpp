// SPDX-License-Identifier: Apache-2.0
#include "integrationspage.h"

#include "testeventresult.h"
#include "uistyle.h"
#include "untrustedtext.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace zapito {

namespace {
QLabel* errorLabel(const QString& objectName, QWidget* parent)
{
    QLabel* label = ui::plainLabel(QString(), parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, ui::errorText(pal));
    label->setPalette(pal);
    label->hide();
    return label;
}

void showError(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
} // namespace

IntegrationsPage::IntegrationsPage(WebhookSettings& settings, WebhookDispatcher* dispatcher, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_dispatcher(dispatcher)
    , m_endpoint(new QLineEdit(this))
    , m_endpointError(errorLabel(QStringLiteral("endpointError"), this))
    , m_secret(new QLineEdit(this))
    , m_showSecret(new QToolButton(this))
    , m_copySecret(new QToolButton(this))
    , m_generateSecret(new QToolButton(this))
    , m_secretError(errorLabel(QStringLiteral("secretError"), this))
    , m_storageNote(ui::plainLabel(QString(), this))
    , m_enabled(new QCheckBox(tr("Send every handoff to this endpoint"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_saveStatus(ui::plainLabel(QString(), this))
    , m_test(new QPushButton(tr("Send test event"), this))
    , m_testResult(ui::plainLabel(QString(), this, true))
    , m_testResponse(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("integrationsPage"));
    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    m_endpoint->setPlaceholderText(QStringLiteral("https://hooks.example.com/zapito"));
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Generate one, or paste the secret your receiver expects"));
    m_showSecret->setObjectName(QStringLiteral("showSecretButton"));
    m_showSecret->setText(tr("Show"));
    m_showSecret->setCheckable(true);
    m_copySecret->setObjectName(QStringLiteral("copySecretButton"));
    m_copySecret->setText(tr("Copy"));
    m_generateSecret->setObjectName(QStringLiteral("generateSecretButton"));
    m_generateSecret->setText(tr("Generate"));
    m_storageNote->setObjectName(QStringLiteral("secretStorageNote"));
    m_storageNote->setWordWrap(true);
    QPalette muted = m_storageNote->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(muted));
    m_storageNote->setPalette(muted);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_saveStatus->setObjectName(QStringLiteral("saveStatusLabel"));
    m_saveStatus->setWordWrap(true);
    m_test->setObjectName(QStringLiteral("testEventButton"));
    m_test->setEnabled(m_dispatcher != nullptr);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResponse->setObjectName(QStringLiteral("testResponseText"));
    m_testResponse->setReadOnly(true);
    m_testResponse->setPlaceholderText(tr("The endpoint's response appears here."));
    m_testResponse->setMaximumHeight(120);
    m_testResponse->hide();

    auto* heading = ui::plainLabel(tr("Lead webhook"), this);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    heading->setFont(f);
    auto* intro =
        ui::plainLabel(tr("On every handoff, Zapito POSTs the lead as JSON to this endpoint, signed "
                          "with X-Zapito-Signature (HMAC-SHA256 of the body with your secret)."),
                       this);
    intro->setWordWrap(true);

    auto* endpointColumn = new QVBoxLayout;
    endpointColumn->setSpacing(2);
    endpointColumn->addWidget(m_endpoint);
    endpointColumn->addWidget(m_endpointError);
    auto* secretRow = new QHBoxLayout;
    secretRow->setSpacing(4);
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_showSecret);
    secretRow->addWidget(m_copySecret);
    secretRow->addWidget(m_generateSecret);
    auto* secretColumn = new QVBoxLayout;
    secretColumn->setSpacing(2);
    secretColumn->addLayout(secretRow);
    secretColumn->addWidget(m_secretError);
    secretColumn->addWidget(m_storageNote);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Endpoint URL"), endpointColumn);
    form->addRow(tr("Signing secret"), secretColumn);
    form->addRow(QString(), m_enabled);

    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_save);
    saveRow->addWidget(m_saveStatus, 1);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    auto* column = new QVBoxLayout(this);
    column->addWidget(heading);
    column->addWidget(intro);
    column->addSpacing(8);
    column->addLayout(form);
    column->addLayout(saveRow);
    column->addSpacing(12);
    column->addLayout(testRow);
    column->addWidget(m_testResponse);
    column->addStretch();

    connect(m_endpoint, &QLineEdit::textEdited, this, [this] {
        m_touched = true;
        validate();
    });
    connect(m_secret, &QLineEdit::textEdited, this, [this] {
        m_touched = true;
        validate();
    });
    connect(m_enabled, &QCheckBox::toggled, this, [this] { validate(); });
    connect(m_showSecret, &QToolButton::toggled, this, [this](bool show) {
        m_secret->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        m_showSecret->setText(show ? tr("Hide") : tr("Show"));
    });
    connect(m_copySecret, &QToolButton::clicked, this, [this] {
        if (QClipboard* clipboard = QGuiApplication::clipboard())
            clipboard->setText(m_secret->text());
        setSaveStatus(tr("Secret copied to the clipboard."), false);
    });
    connect(m_generateSecret, &QToolButton::clicked, this, [this] {
        m_secret->setText(SecretStore::generateSecret());
        m_touched = true;
        validate();
        setSaveStatus(tr("New secret generated. Save to use it, and give it to your receiver."), false);
    });
    connect(m_save, &QPushButton::clicked, this, &IntegrationsPage::save);
    connect(m_test, &QPushButton::clicked, this, &IntegrationsPage::sendTestEvent);
    if (m_dispatcher)
        connect(m_dispatcher, &WebhookDispatcher::testEventFinished, this, &IntegrationsPage::showTestResult);

    m_endpoint->setText(m_settings.endpoint());
    m_enabled->setChecked(m_settings.isEnabled());
    m_storageNote->setText(m_settings.secretStore().storageDescription());
    m_save->setEnabled(false);
    QPointer<IntegrationsPage> self(this);
    m_settings.readSecret([self](std::optional<QString> value, const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty())
            showError(self->m_secretError, tr("The stored secret could not be read: %1").arg(error));
        if (value && self->m_secret->text().isEmpty())
            self->m_secret->setText(*value);
        self->m_storageNote->setText(self->m_settings.secretStore().storageDescription());
        self->m_loaded = true;
        self->validate();
        emit self->loaded();
    });
}

void IntegrationsPage::validate()
{
    const QString url = m_endpoint->text().trimmed();
    const QString endpointProblem = WebhookSettings::endpointProblem(url);
    const QString formProblem = WebhookSettings::configurationProblem(url, m_secret->text());
    // Errors show once the operator has typed something, not on a form they just opened.
    showError(m_endpointError, m_touched ? endpointProblem : QString());
    showError(m_secretError, m_touched && endpointProblem.isEmpty() ? formProblem : QString());
    m_save->setEnabled(m_loaded && formProblem.isEmpty());
}

void IntegrationsPage::save()
{
    m_touched = true;
    validate();
    if (!m_save->isEnabled())
        return;
    m_save->setEnabled(false);
    setSaveStatus(tr("Saving…"), false);
    QPointer<IntegrationsPage> self(this);
    m_settings.save(m_endpoint->text().trimmed(), m_enabled->isChecked(), m_secret->text(),
                    [self](const QString& error) {
                        if (!self)
                            return;
                        self->validate();
                        if (!error.isEmpty()) {
                            self->setSaveStatus(tr("Not saved: %1").arg(error), true);
                            return;
                        }
                        self->setSaveStatus(tr("Saved."), false);
                        emit self->saved();
                    });
}

void IntegrationsPage::sendTestEvent()
{
    if (!m_dispatcher || m_testRunning)
        return;
    const QString url = m_endpoint->text().trimmed();
    m_touched = true;
    validate();
    if (url.isEmpty()) {
        showError(m_endpointError, tr("Enter the endpoint URL to send a test event to."));
        return;
    }
    if (!WebhookSettings::endpointProblem(url).isEmpty())
        return;
    m_testRunning = true;
    m_test->setEnabled(false);
    m_test->setText(tr("Sending…"));
    m_testResult->setText(tr("Waiting for %1…").arg(isolated(url)));
    m_testResponse->hide();
    // The unsaved form is what the operator wants to check.
    m_dispatcher->sendTestEvent(url, m_secret->text());
}

void IntegrationsPage::showTestResult(const TestEventResult& result)
{
    if (!m_testRunning)
        return;
    m_testRunning = false;
    m_test->setEnabled(true);
    m_test->setText(tr("Send test event"));
    QString summary;
    if (result.ok())
        summary = tr("✓ HTTP %1 in %2 ms").arg(result.httpStatus).arg(result.latencyMs);
    else if (result.httpStatus > 0)
        summary = tr("✗ HTTP %1 in %2 ms: %3")
                      .arg(result.httpStatus)
                      .arg(result.latencyMs)
                      .arg(isolated(result.error));
    else
        // One arg() call: a "%2" in the error is not filled in.
        summary = tr("✗ %1 (after %2 ms)").arg(isolated(result.error), QString::number(result.latencyMs));
    m_testResult->setText(summary);
    QPalette pal = m_testResult->palette();
    pal.setColor(QPalette::WindowText,
                 result.ok() ? palette().color(QPalette::WindowText) : ui::errorText(pal));
    m_testResult->setPalette(pal);
    // Whatever the endpoint answered is untrusted: shown as plain text only.
    m_testResponse->setPlainText(QString::fromUtf8(result.bodyExcerpt));
    m_testResponse->setVisible(!result.bodyExcerpt.isEmpty());
    emit testEventShown();
}

void IntegrationsPage::setSaveStatus(const QString& text, bool error)
{
    m_saveStatus->setText(text);
    QPalette pal = m_saveStatus->palette();
    pal.setColor(QPalette::WindowText, error ? ui::errorText(pal) : ui::mutedText(palette()));
    m_saveStatus->setPalette(pal);
}

} // namespace zapito
