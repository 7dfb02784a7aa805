// SPDX-License-Identifier: Apache-2.0
#include "integrationspage.h"

#include "durationtext.h"
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
    : SettingsPage(parent)
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
    statusLabel()->setObjectName(QStringLiteral("saveStatusLabel"));
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

    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    auto* column = new QVBoxLayout(this);
    column->addWidget(heading);
    column->addWidget(intro);
    column->addSpacing(8);
    column->addLayout(form);
    column->addWidget(statusLabel());
    column->addSpacing(12);
    column->addLayout(testRow);
    column->addWidget(m_testResponse);
    column->addStretch();

    for (QWidget* field : {static_cast<QWidget*>(m_endpoint), static_cast<QWidget*>(m_secret),
                           static_cast<QWidget*>(m_enabled)})
        watch(field);
    // A test result describes the endpoint and secret it was sent with: another one makes it stale.
    for (QLineEdit* field : {m_endpoint, m_secret})
        connect(field, &QLineEdit::textChanged, this, [this] {
            if (m_testRunning)
                return;
            m_testResult->clear();
            m_testResponse->hide();
        });
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
        setStatus(tr("Secret copied to the clipboard."));
    });
    connect(m_generateSecret, &QToolButton::clicked, this, [this] {
        m_secret->setText(SecretStore::generateSecret());
        m_touched = true;
        validate();
        setStatus(tr("New secret generated. Apply or OK stores it; give it to your receiver too."));
    });
    connect(m_test, &QPushButton::clicked, this, &IntegrationsPage::sendTestEvent);
    if (m_dispatcher)
        connect(m_dispatcher, &WebhookDispatcher::testEventFinished, this, &IntegrationsPage::showTestResult);

    readStored();
}

QString IntegrationsPage::snapshot() const
{
    return QStringList{m_endpoint->text().trimmed(), m_secret->text(),
                       m_enabled->isChecked() ? u"1"_qs : u"0"_qs}
        .join(QChar(0));
}

void IntegrationsPage::revert()
{
    m_touched = false;
    m_secret->clear();
    readStored();
}

void IntegrationsPage::readStored()
{
    m_loaded = false;
    m_endpoint->setText(m_settings.endpoint());
    m_enabled->setChecked(m_settings.isEnabled());
    m_storageNote->setText(m_settings.secretStore().storageDescription());
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
        self->markStored();
        emit self->loaded();
    });
}

bool IntegrationsPage::validate()
{
    const QString url = m_endpoint->text().trimmed();
    const QString endpointProblem = WebhookSettings::endpointProblem(url);
    const QString formProblem = WebhookSettings::configurationProblem(url, m_secret->text());
    // Errors show once the operator has typed something, not on a form they just opened.
    showError(m_endpointError, m_touched ? endpointProblem : QString());
    showError(m_secretError, m_touched && endpointProblem.isEmpty() ? formProblem : QString());
    return m_loaded && formProblem.isEmpty();
}

void IntegrationsPage::apply()
{
    if (!hasChanges()) {
        emit applied(true);
        return;
    }
    m_touched = true;
    if (!validate()) {
        emit applied(false); // the reason is beside its field
        return;
    }
    setStatus(tr("Saving…"));
    QPointer<IntegrationsPage> self(this);
    m_settings.save(m_endpoint->text().trimmed(), m_enabled->isChecked(), m_secret->text(),
                    [self](const QString& error) {
                        if (!self)
                            return;
                        self->validate();
                        self->finishApply(error);
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
    const QString took = ui::durationText(result.latencyMs);
    if (result.ok())
        summary = tr("✓ HTTP %1 in %2").arg(QString::number(result.httpStatus), took);
    else if (result.httpStatus > 0)
        // One arg() call: a "%3" in the error is not filled in.
        summary =
            tr("✗ HTTP %1 in %2: %3").arg(QString::number(result.httpStatus), took, isolated(result.error));
    else if (result.latencyMs >= 1000) // a timeout, a slow refusal: how long it was waited for
        summary = tr("✗ %1 (after %2)").arg(isolated(result.error), took);
    else
        summary = tr("✗ %1").arg(isolated(result.error));
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

} // namespace zapito
