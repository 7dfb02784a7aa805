// SPDX-License-Identifier: Apache-2.0
#include "channelspage.h"

#include "connectorhub.h"
#include "secretstore.h"
#include "settingscatalog.h"
#include "uistyle.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <memory>

namespace zapito {

namespace {

QLineEdit* secretField(const QString& objectName, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(QObject::tr("not set"));
    return field;
}

QLineEdit* textField(const QString& objectName, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(objectName);
    return field;
}

QString urlProblem(const char* setting, const QString& text)
{
    QString why;
    parseSettingValue(*findSetting(QLatin1String(setting)), text, &why);
    return why;
}

} // namespace

ChannelsPage::ChannelsPage(ConnectorHub& hub, QWidget* parent)
    : SettingsPage(parent)
    , m_hub(hub)
    , m_telegramEnabled(new QCheckBox(tr("Receive and answer Telegram messages"), this))
    , m_telegramApiBase(textField(QStringLiteral("telegramApiBase"), this))
    , m_telegramToken(secretField(QStringLiteral("telegramToken"), this))
    , m_telegramStatus(ui::plainLabel(QString(), this, true))
    , m_whatsappEnabled(new QCheckBox(tr("Receive and answer WhatsApp messages"), this))
    , m_whatsappAddress(textField(QStringLiteral("whatsappAddress"), this))
    , m_whatsappPort(new QSpinBox(this))
    , m_whatsappGraphBase(textField(QStringLiteral("whatsappGraphBase"), this))
    , m_whatsappPhoneNumberId(textField(QStringLiteral("whatsappPhoneNumberId"), this))
    , m_whatsappVerifyToken(secretField(QStringLiteral("whatsappVerifyToken"), this))
    , m_whatsappAppSecret(secretField(QStringLiteral("whatsappAppSecret"), this))
    , m_whatsappAccessToken(secretField(QStringLiteral("whatsappAccessToken"), this))
    , m_whatsappStatus(ui::plainLabel(QString(), this, true))
{
    setObjectName(QStringLiteral("channelsPage"));
    m_telegramEnabled->setObjectName(QStringLiteral("telegramEnabled"));
    m_telegramStatus->setObjectName(QStringLiteral("telegramStatus"));
    m_whatsappEnabled->setObjectName(QStringLiteral("whatsappEnabled"));
    m_whatsappPort->setObjectName(QStringLiteral("whatsappPort"));
    m_whatsappPort->setRange(1, 65535);
    m_whatsappStatus->setObjectName(QStringLiteral("whatsappStatus"));
    statusLabel()->setObjectName(QStringLiteral("channelsSaveStatus"));
    for (QLabel* label : {m_telegramStatus, m_whatsappStatus})
        label->setWordWrap(true);

    auto* telegram = new QGroupBox(tr("Telegram"), this);
    auto* telegramForm = new QFormLayout(telegram);
    telegramForm->addRow(m_telegramEnabled);
    telegramForm->addRow(tr("Bot token:"), m_telegramToken);
    telegramForm->addRow(tr("Bot API URL:"), m_telegramApiBase);
    telegramForm->addRow(tr("Status:"), m_telegramStatus);

    auto* whatsapp = new QGroupBox(tr("WhatsApp (Cloud API)"), this);
    auto* whatsappForm = new QFormLayout(whatsapp);
    whatsappForm->addRow(m_whatsappEnabled);
    whatsappForm->addRow(tr("Phone number id:"), m_whatsappPhoneNumberId);
    whatsappForm->addRow(tr("Access token:"), m_whatsappAccessToken);
    whatsappForm->addRow(tr("App secret:"), m_whatsappAppSecret);
    whatsappForm->addRow(tr("Verify token:"), m_whatsappVerifyToken);
    whatsappForm->addRow(tr("Listen on address:"), m_whatsappAddress);
    whatsappForm->addRow(tr("Listen on port:"), m_whatsappPort);
    whatsappForm->addRow(tr("Graph API URL:"), m_whatsappGraphBase);
    auto* hint = ui::plainLabel(tr("Meta must reach the listener over HTTPS: put a reverse proxy or a tunnel "
                                   "in front of this address and port and give Meta its public URL as the "
                                   "callback URL, with the verify token above."),
                                this);
    hint->setObjectName(QStringLiteral("whatsappHint"));
    hint->setWordWrap(true);
    whatsappForm->addRow(hint);
    whatsappForm->addRow(tr("Status:"), m_whatsappStatus);

    auto* column = new QVBoxLayout(this);
    column->addWidget(telegram);
    column->addWidget(whatsapp);
    column->addWidget(statusLabel());
    column->addStretch(1);

    connect(&m_hub.telegram(), &ChannelConnector::statusChanged, this,
            [this](const ConnectorStatus& s) { showStatus(m_telegramStatus, s); });
    connect(&m_hub.whatsapp(), &ChannelConnector::statusChanged, this,
            [this](const ConnectorStatus& s) { showStatus(m_whatsappStatus, s); });
    showStatus(m_telegramStatus, m_hub.telegram().status());
    showStatus(m_whatsappStatus, m_hub.whatsapp().status());
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_telegramEnabled, m_telegramApiBase, m_telegramToken, m_whatsappEnabled, m_whatsappAddress,
             m_whatsappPort, m_whatsappGraphBase, m_whatsappPhoneNumberId, m_whatsappVerifyToken,
             m_whatsappAppSecret, m_whatsappAccessToken})
        watch(field);
    load();
}

void ChannelsPage::showStatus(QLabel* label, const ConnectorStatus& status)
{
    label->setText(status.text.isEmpty() ? tr("Not configured.") : status.text);
    QPalette pal = palette();
    if (status.state == ConnectorStatus::State::Problem)
        pal.setColor(QPalette::WindowText, ui::errorText(pal));
    label->setPalette(pal);
}

void ChannelsPage::load()
{
    const TelegramConfig telegram = m_hub.channelSettings().telegram();
    m_telegramEnabled->setChecked(telegram.enabled);
    m_telegramApiBase->setText(telegram.apiBase);
    const WhatsAppConfig whatsapp = m_hub.channelSettings().whatsapp();
    m_whatsappEnabled->setChecked(whatsapp.enabled);
    m_whatsappAddress->setText(whatsapp.listenAddress);
    m_whatsappPort->setValue(whatsapp.listenPort);
    m_whatsappGraphBase->setText(whatsapp.graphBase);
    m_whatsappPhoneNumberId->setText(whatsapp.phoneNumberId);

    m_loaded = false; // until the secrets are in the form, saving would erase them
    const QList<QPair<const char*, QLineEdit*>> secrets = {
        {TelegramChannel::kSecretKey, m_telegramToken},
        {WhatsAppChannel::kVerifyTokenKey, m_whatsappVerifyToken},
        {WhatsAppChannel::kAppSecretKey, m_whatsappAppSecret},
        {WhatsAppChannel::kAccessTokenKey, m_whatsappAccessToken},
    };
    auto outstanding = std::make_shared<int>(int(secrets.size()));
    QPointer<ChannelsPage> self(this);
    for (const auto& [key, field] : secrets) {
        m_hub.secrets().read(QLatin1String(key),
                             [self, field, outstanding](std::optional<QString> value, QString) {
                                 if (!self)
                                     return;
                                 field->setText(value.value_or(QString()));
                                 if (--*outstanding == 0) {
                                     self->m_loaded = true;
                                     self->markStored();
                                     emit self->loaded();
                                 }
                             });
    }
}

QString ChannelsPage::problem() const
{
    if (const QString why = urlProblem("telegram.api_base", m_telegramApiBase->text()); !why.isEmpty())
        return tr("Telegram Bot API URL: %1").arg(why);
    if (m_telegramEnabled->isChecked() && m_telegramToken->text().trimmed().isEmpty())
        return tr("Telegram needs the bot token from @BotFather.");
    if (const QString why = urlProblem("whatsapp.graph_base", m_whatsappGraphBase->text()); !why.isEmpty())
        return tr("Graph API URL: %1").arg(why);
    if (QHostAddress address; !address.setAddress(m_whatsappAddress->text().trimmed()))
        return tr("The listen address must be an IP address such as 127.0.0.1.");
    if (m_whatsappEnabled->isChecked() &&
        (m_whatsappPhoneNumberId->text().trimmed().isEmpty() || m_whatsappAccessToken->text().isEmpty() ||
         m_whatsappAppSecret->text().isEmpty() || m_whatsappVerifyToken->text().isEmpty()))
        return tr("WhatsApp needs the phone number id, access token, app secret and verify token.");
    return {};
}

QString ChannelsPage::snapshot() const
{
    QStringList fields;
    for (const QLineEdit* field :
         {m_telegramApiBase, m_telegramToken, m_whatsappAddress, m_whatsappGraphBase, m_whatsappPhoneNumberId,
          m_whatsappVerifyToken, m_whatsappAppSecret, m_whatsappAccessToken})
        fields << field->text().trimmed();
    fields << QString::number(m_whatsappPort->value()) << QString::number(int(m_telegramEnabled->isChecked()))
           << QString::number(int(m_whatsappEnabled->isChecked()));
    return fields.join(QChar(0));
}

void ChannelsPage::revert()
{
    load();
}

void ChannelsPage::apply()
{
    if (!hasChanges() || m_saving) {
        emit applied(!m_saving);
        return;
    }
    if (const QString why = problem(); !why.isEmpty()) {
        setStatus(why, true);
        emit applied(false);
        return;
    }
    m_saving = true;
    setStatus(tr("Saving…"));
    const QList<QPair<const char*, QString>> secrets = {
        {TelegramChannel::kSecretKey, m_telegramToken->text().trimmed()},
        {WhatsAppChannel::kVerifyTokenKey, m_whatsappVerifyToken->text()},
        {WhatsAppChannel::kAppSecretKey, m_whatsappAppSecret->text()},
        {WhatsAppChannel::kAccessTokenKey, m_whatsappAccessToken->text().trimmed()},
    };
    struct Progress
    {
        int outstanding = 0;
        QStringList errors;
    };
    auto progress = std::make_shared<Progress>();
    progress->outstanding = int(secrets.size());
    QPointer<ChannelsPage> self(this);
    auto finished = [self, progress](const QString& error) {
        if (!error.isEmpty())
            progress->errors.append(error);
        if (--progress->outstanding > 0 || !self)
            return;
        self->m_saving = false;
        if (!progress->errors.isEmpty()) {
            self->finishApply(progress->errors.join(u' '));
            return;
        }
        TelegramConfig telegram;
        telegram.enabled = self->m_telegramEnabled->isChecked();
        telegram.apiBase = self->m_telegramApiBase->text().trimmed();
        WhatsAppConfig whatsapp;
        whatsapp.enabled = self->m_whatsappEnabled->isChecked();
        whatsapp.listenAddress = self->m_whatsappAddress->text().trimmed();
        whatsapp.listenPort = quint16(self->m_whatsappPort->value());
        whatsapp.graphBase = self->m_whatsappGraphBase->text().trimmed();
        whatsapp.phoneNumberId = self->m_whatsappPhoneNumberId->text().trimmed();
        // In effect at once; saved once the store (shared by every seat) has both.
        self->m_saving = true;
        auto answers = std::make_shared<QStringList>();
        auto written = [self, answers](const Status& status) {
            answers->append(status ? QString() : status.error());
            if (!self || answers->size() < 2)
                return;
            self->m_saving = false;
            answers->removeAll(QString());
            self->finishApply(
                answers->value(0),
                tr("Saved; the channels reconnect. %1").arg(self->m_hub.secrets().storageDescription()));
        };
        self->m_hub.channelSettings().setTelegram(telegram, written);
        self->m_hub.channelSettings().setWhatsApp(whatsapp, written);
        self->m_hub.reload();
    };
    for (const auto& [key, value] : secrets) {
        if (value.isEmpty())
            m_hub.secrets().remove(QLatin1String(key), finished);
        else
            m_hub.secrets().write(QLatin1String(key), value, finished);
    }
}

} // namespace zapito
