// SPDX-License-Identifier: Apache-2.0
#include "connectorhub.h"

#include "channelregistry.h"
#include "conversationengine.h"
#include "secretstore.h"
#include "settingscatalog.h"

#include <QPointer>
#include <QSet>

#include <algorithm>
#include <limits>
#include <memory>

namespace zapito {

namespace {

bool sameConfig(const TelegramConfig& a, const TelegramConfig& b)
{
    return a.enabled == b.enabled && a.apiBase == b.apiBase && a.botToken == b.botToken &&
           a.pollTimeoutSeconds == b.pollTimeoutSeconds;
}

bool sameConfig(const WhatsAppConfig& a, const WhatsAppConfig& b)
{
    return a.enabled == b.enabled && a.listenAddress == b.listenAddress && a.listenPort == b.listenPort &&
           a.graphBase == b.graphBase && a.phoneNumberId == b.phoneNumberId &&
           a.verifyToken == b.verifyToken && a.appSecret == b.appSecret && a.accessToken == b.accessToken;
}

} // namespace

ConnectorHub::ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                           SecretStore& secrets, const QString& settingsFile, QObject* parent)
    : ConnectorHub(database, engine, registry, secrets, settingsFile, nullptr, parent)
{}

ConnectorHub::ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                           SecretStore& secrets, SharedSettings& shared, QObject* parent)
    : ConnectorHub(database, engine, registry, secrets, {}, &shared, parent)
{}

ConnectorHub::ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                           SecretStore& secrets, const QString& settingsFile, SharedSettings* shared,
                           QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_registry(registry)
    , m_secrets(secrets)
    , m_state(database)
    , m_budget(m_state)
    , m_agent(m_budget)
    , m_channelSettings(settingsFile, shared)
    , m_botSettings(settingsFile, shared)
    , m_telegram(m_state)
{
    m_engine.setAgent(m_agent);
    for (ChannelConnector* connector :
         {static_cast<ChannelConnector*>(&m_telegram), static_cast<ChannelConnector*>(&m_whatsapp),
          static_cast<ChannelConnector*>(&m_preview)}) {
        m_registry.add(connector);
        connector->setInboundSink(
            [this](const CustomerMessage& message, const ChannelConnector::Committed& committed) {
                receive(message, committed);
            });
    }
    m_agent.setConfig(m_botSettings.config());
    applyModelCallLimit();
    m_reloadAgain.setSingleShot(true);
    connect(&m_reloadAgain, &QTimer::timeout, this, qOverload<>(&ConnectorHub::reload));
    // The leader follows a save made in any seat: what changed is configured again at once.
    m_settingsChanged.setSingleShot(true);
    m_settingsChanged.setInterval(0);
    connect(&m_settingsChanged, &QTimer::timeout, this, [this] { reload(true); });
    if (shared) {
        connect(&m_botSettings, &BotSettings::changed, &m_settingsChanged, qOverload<>(&QTimer::start));
        connect(&m_channelSettings, &ChannelSettings::changed, &m_settingsChanged,
                qOverload<>(&QTimer::start));
    }
}

ConnectorHub::~ConnectorHub()
{
    m_telegram.stop();
    m_whatsapp.stop();
    for (const QString& name : {m_telegram.name(), m_whatsapp.name(), m_preview.name()})
        m_registry.remove(name);
}

void ConnectorHub::receive(const CustomerMessage& message, const ChannelConnector::Committed& committed)
{
    // The engine's answer is the commit: stored (or already stored, as a redelivery is) means the
    // channel may acknowledge the message. A failure is also shown to the operator.
    m_engine.receive(message, [this, channel = message.channel, committed](Status status) {
        if (!status)
            emit problem(tr("A %1 message could not be stored: %2").arg(channel, status.error()));
        committed(std::move(status));
    });
}

void ConnectorHub::applyModelCallLimit()
{
    // One limit for every conversation's model calls, from the settings file like the bot's.
    const SettingInfo* setting = findSetting(QStringLiteral("agent.maxConcurrentModelCalls"));
    const int limit = m_botSettings.value(QLatin1String(setting->storageKey), setting->defaultValue).toInt();
    m_agent.setMaxConcurrentModelCalls(qBound(setting->minimum, limit, setting->maximum));
}

void ConnectorHub::reload()
{
    if (!m_active)
        emit reloadRequested();
    reload(false);
}

void ConnectorHub::showStatusOf(const QString& channel, const ConnectorStatus& status)
{
    for (ChannelConnector* connector :
         {static_cast<ChannelConnector*>(&m_telegram), static_cast<ChannelConnector*>(&m_whatsapp),
          static_cast<ChannelConnector*>(&m_preview)}) {
        if (connector->name() == channel)
            connector->mirrorStatus(status);
    }
}

void ConnectorHub::reload(bool onlyWhatChanged)
{
    // A seat never starts a channel: the leader polls Telegram (a second poller gets 409) and
    // listens for WhatsApp. The leader's hub follows settings saved in a seat (the store's change).
    if (!m_active)
        return;
    m_reloadAgain.stop(); // this reload reads everything again
    if (!onlyWhatChanged)
        m_fullReloadPending = true;
    onlyWhatChanged = onlyWhatChanged && !m_fullReloadPending;
    const int generation = ++m_generation;
    struct Pending
    {
        TelegramConfig telegram;
        WhatsAppConfig whatsapp;
        BotConfig bot;
        QString apiKey;
        QSet<QString> unreadable; // keys whose read answered with an error
        int outstanding = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->telegram = m_channelSettings.telegram();
    pending->whatsapp = m_channelSettings.whatsapp();
    pending->bot = m_botSettings.config();

    QPointer<ConnectorHub> self(this);
    auto finish = [self, generation, pending, onlyWhatChanged] {
        if (!self || generation != self->m_generation || --pending->outstanding > 0)
            return;
        const auto readable = [&pending](const char* key) {
            return !pending->unreadable.contains(QLatin1String(key));
        };
        self->m_fullReloadPending = false;
        self->m_agent.setConfig(pending->bot);
        if (readable(BotSettings::kApiKeySecret))
            self->m_agent.setModelApiKey(pending->apiKey);
        self->applyModelCallLimit();
        // A token that cannot be read now is not an empty token: configuring with "" would stop a
        // working connector and show it as having none. Switching a connector off needs no secret.
        const bool telegramSame = onlyWhatChanged && self->m_appliedTelegram &&
                                  sameConfig(*self->m_appliedTelegram, pending->telegram);
        if (!telegramSame && (!pending->telegram.enabled || readable(TelegramChannel::kSecretKey))) {
            self->m_telegram.configure(pending->telegram);
            self->m_appliedTelegram = pending->telegram;
        }
        const bool whatsappSame = onlyWhatChanged && self->m_appliedWhatsApp &&
                                  sameConfig(*self->m_appliedWhatsApp, pending->whatsapp);
        if (!whatsappSame && (!pending->whatsapp.enabled || (readable(WhatsAppChannel::kVerifyTokenKey) &&
                                                             readable(WhatsAppChannel::kAppSecretKey) &&
                                                             readable(WhatsAppChannel::kAccessTokenKey)))) {
            self->m_whatsapp.configure(pending->whatsapp);
            self->m_appliedWhatsApp = pending->whatsapp;
        }
        const bool wasWaiting = self->m_waitingForSecrets;
        self->m_waitingForSecrets = !pending->unreadable.isEmpty();
        if (!pending->unreadable.isEmpty()) {
            const qint64 seconds = qMax<qint64>(1, (self->m_secretRetryDelay.count() + 999) / 1000);
            if (!wasWaiting) // said once, not at every retry
                emit self->problem(
                    tr("What needs a secret that could not be read keeps its current settings; the "
                       "secrets are read again in %n s.",
                       nullptr, int(seconds)));
            self->m_reloadAgain.start(int(
                std::clamp<qint64>(self->m_secretRetryDelay.count(), 0, std::numeric_limits<int>::max())));
        }
        emit self->ready();
    };
    const QList<QPair<const char*, QString*>> secrets = {
        {TelegramChannel::kSecretKey, &pending->telegram.botToken},
        {WhatsAppChannel::kVerifyTokenKey, &pending->whatsapp.verifyToken},
        {WhatsAppChannel::kAppSecretKey, &pending->whatsapp.appSecret},
        {WhatsAppChannel::kAccessTokenKey, &pending->whatsapp.accessToken},
        {BotSettings::kApiKeySecret, &pending->apiKey},
    };
    pending->outstanding = int(secrets.size());
    for (const auto& [key, target] : secrets) {
        const QString name = QLatin1String(key);
        m_secrets.read(
            name, [self, pending, target, name, finish](std::optional<QString> value, QString error) {
                if (!error.isEmpty()) {
                    pending->unreadable.insert(name);
                    // Once per secret and cause: a retry every few seconds must not flood the log.
                    if (self && self->m_secretErrors.value(name) != error) {
                        self->m_secretErrors.insert(name, error);
                        emit self->problem(tr("The secret %1 could not be read: %2").arg(name, error));
                    }
                } else {
                    if (self)
                        self->m_secretErrors.remove(name);
                    *target = value.value_or(QString());
                }
                finish();
            });
    }
}

} // namespace zapito
