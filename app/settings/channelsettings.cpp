// SPDX-License-Identifier: Apache-2.0
#include "channelsettings.h"

#include "settingsvalues.h"
#include "sharedsettings.h"

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
    : ChannelSettings(settingsFile, nullptr, parent)
{}

ChannelSettings::ChannelSettings(const QString& settingsFile, SharedSettings* shared, QObject* parent)
    : QObject(parent)
    , m_settings(std::make_unique<SettingsValues>(settingsFile, shared))
{
    // Another seat's save (or the command line's) arrives here as the store's change.
    if (shared)
        connect(shared, &SharedSettings::changed, this, [this](const QStringList& keys) {
            for (const QString& key : keys) {
                if (key.startsWith(QLatin1String("channels/"))) {
                    emit changed();
                    return;
                }
            }
        });
}

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

void ChannelSettings::setTelegram(const TelegramConfig& config, std::function<void(Status)> done)
{
    store({{kTelegramEnabled, config.enabled}, {kTelegramApiBase, config.apiBase.trimmed()}},
          std::move(done));
}

void ChannelSettings::store(const QList<std::pair<QString, QVariant>>& values,
                            std::function<void(Status)> done)
{
    m_settings->setAndAnnounce(
        values, [this] { emit changed(); }, std::move(done));
}

void ChannelSettings::setWhatsApp(const WhatsAppConfig& config, std::function<void(Status)> done)
{
    store(
        {
            {kWhatsAppEnabled, config.enabled},
            {kWhatsAppAddress, config.listenAddress.trimmed()},
            {kWhatsAppPort, config.listenPort},
            {kWhatsAppGraphBase, config.graphBase.trimmed()},
            {kWhatsAppPhoneNumberId, config.phoneNumberId.trimmed()},
        },
        std::move(done));
}

QVariant ChannelSettings::value(const QString& key, const QVariant& fallback) const
{
    return m_settings->value(key, fallback);
}

void ChannelSettings::setValue(const QString& key, const QVariant& value)
{
    m_settings->set({{key, value}});
    if (!m_settings->shared())
        emit changed();
}

} // namespace zapito
