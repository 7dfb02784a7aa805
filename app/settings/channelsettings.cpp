// SPDX-License-Identifier: Apache-2.0
#include "channelsettings.h"

#include "settingsfile.h"

namespace zapito {

namespace {
const QString kTelegramEnabled = QStringLiteral("channels/telegram/enabled");
const QString kTelegramApiBase = QStringLiteral("channels/telegram/api_base");
const QString kWhatsAppEnabled = QStringLiteral("channels/whatsapp/enabled");
const QString kWhatsAppAddress = QStringLiteral("channels/whatsapp/listen_address");
const QString kWhatsAppPort = QStringLiteral("channels/whatsapp/listen_port");
const QString kWhatsAppGraphBase = QStringLiteral("channels/whatsapp/graph_base");
const QString kWhatsAppPhoneNumberId = QStringLiteral("channels/whatsapp/phone_number_id");
} // namespace

ChannelSettings::ChannelSettings(const QString& settingsFile, QObject* parent)
    : QObject(parent)
    , m_settings(openSettings(settingsFile))
{}

ChannelSettings::~ChannelSettings() = default;

TelegramConfig ChannelSettings::telegram() const
{
    TelegramConfig c;
    c.enabled = m_settings->value(kTelegramEnabled, false).toBool();
    c.apiBase = m_settings->value(kTelegramApiBase, c.apiBase).toString();
    return c;
}

WhatsAppConfig ChannelSettings::whatsapp() const
{
    WhatsAppConfig c;
    c.enabled = m_settings->value(kWhatsAppEnabled, false).toBool();
    c.listenAddress = m_settings->value(kWhatsAppAddress, c.listenAddress).toString();
    c.listenPort = quint16(m_settings->value(kWhatsAppPort, c.listenPort).toUInt());
    c.graphBase = m_settings->value(kWhatsAppGraphBase, c.graphBase).toString();
    c.phoneNumberId = m_settings->value(kWhatsAppPhoneNumberId).toString();
    return c;
}

void ChannelSettings::setTelegram(const TelegramConfig& config)
{
    m_settings->setValue(kTelegramEnabled, config.enabled);
    m_settings->setValue(kTelegramApiBase, config.apiBase.trimmed());
    m_settings->sync();
    emit changed();
}

void ChannelSettings::setWhatsApp(const WhatsAppConfig& config)
{
    m_settings->setValue(kWhatsAppEnabled, config.enabled);
    m_settings->setValue(kWhatsAppAddress, config.listenAddress.trimmed());
    m_settings->setValue(kWhatsAppPort, config.listenPort);
    m_settings->setValue(kWhatsAppGraphBase, config.graphBase.trimmed());
    m_settings->setValue(kWhatsAppPhoneNumberId, config.phoneNumberId.trimmed());
    m_settings->sync();
    emit changed();
}

QVariant ChannelSettings::value(const QString& key, const QVariant& fallback) const
{
    return m_settings->value(key, fallback);
}

void ChannelSettings::setValue(const QString& key, const QVariant& value)
{
    m_settings->setValue(key, value);
    m_settings->sync();
    emit changed();
}

} // namespace zapito
