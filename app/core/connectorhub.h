// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "botagent.h"
#include "botsettings.h"
#include "channelsettings.h"
#include "channelstate.h"
#include "creditbudget.h"
#include "previewchannel.h"
#include "telegramchannel.h"
#include "whatsappchannel.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace zapito {

class ChannelRegistry;
class ConversationEngine;
class Database;
class SecretStore;
class SharedSettings;

// Owns the channel connectors (Telegram, WhatsApp, preview) and the bot's agent, is the
// connectors' inbound sink (what they receive goes to the ConversationEngine), and
// (re)configures everything from the settings and the SecretStore. The window and headless
// mode share it through InboxServices.
class ConnectorHub final : public QObject
{
    Q_OBJECT
public:
    // `settingsFile` empty means the application's default QSettings (tests pass their own).
    ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                 SecretStore& secrets, const QString& settingsFile = {}, QObject* parent = nullptr);
    // The bot's and the channels' settings in the store's shared settings: a change saved in any
    // seat (or by the command line) reconfigures what it changed here, at once, without a restart.
    ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                 SecretStore& secrets, SharedSettings& shared, QObject* parent = nullptr);
    ~ConnectorHub() override;
    Q_DISABLE_COPY_MOVE(ConnectorHub)

    static constexpr std::chrono::milliseconds kDefaultSecretRetryDelay{10'000};

    // Reads the settings and secrets (asynchronously) and (re)starts the connectors; call it
    // again after the settings changed. ready() is emitted when the connectors were configured.
    // A secret that cannot be read right now (a slow or locked keychain, a damaged secrets file)
    // is not taken for "none": what needs it keeps its current configuration, problem() says so,
    // and the whole reload runs again after secretRetryDelay().
    void reload();
    // Off until this process leads (InboxServices turns it on); reload() does nothing meanwhile.
    void setActive(bool active) { m_active = active; }
    bool isActive() const { return m_active; }
    void setSecretRetryDelay(std::chrono::milliseconds delay) { m_secretRetryDelay = delay; }
    std::chrono::milliseconds secretRetryDelay() const { return m_secretRetryDelay; }

    TelegramChannel& telegram() { return m_telegram; }
    WhatsAppChannel& whatsapp() { return m_whatsapp; }
    PreviewChannel& preview() { return m_preview; }
    BotAgent& agent() { return m_agent; }
    CreditBudget& budget() { return m_budget; }
    ChannelSettings& channelSettings() { return m_channelSettings; }
    BotSettings& botSettings() { return m_botSettings; }
    SecretStore& secrets() { return m_secrets; }
    // The status of `channel` ("telegram", "whatsapp", "preview") as the leader's hub on a
    // thread of this process has it (LeaderThread): this hub, inactive, shows it.
    void showStatusOf(const QString& channel, const ConnectorStatus& status);

signals:
    void ready();
    // reload() was asked for while inactive: a secret saved here (it lives on this machine only,
    // so no store change announces it) is for the leader on this process's LeaderThread to read.
    void reloadRequested();
    // A customer message could not be stored, or a secret could not be read.
    void problem(const QString& message);

private:
    // The connectors' inbound sink: ok once the message is stored.
    void receive(const CustomerMessage& message, const ChannelConnector::Committed& committed);
    ConnectorHub(Database& database, ConversationEngine& engine, ChannelRegistry& registry,
                 SecretStore& secrets, const QString& settingsFile, SharedSettings* shared, QObject* parent);
    void applyModelCallLimit();
    // reload() that leaves a connector whose configuration (secrets included) is unchanged alone:
    // a change of the bot's texts must not reconnect Telegram.
    void reload(bool onlyWhatChanged);

    ConversationEngine& m_engine;
    ChannelRegistry& m_registry;
    SecretStore& m_secrets;
    ChannelState m_state;
    CreditBudget m_budget;
    BotAgent m_agent;
    ChannelSettings m_channelSettings;
    BotSettings m_botSettings;
    TelegramChannel m_telegram;
    WhatsAppChannel m_whatsapp;
    PreviewChannel m_preview;
    int m_generation = 0; // a reload() started while secrets were read supersedes the older one
    std::chrono::milliseconds m_secretRetryDelay = kDefaultSecretRetryDelay;
    QTimer m_reloadAgain;     // after a secret could not be read
    QTimer m_settingsChanged; // a burst of changed settings costs one reload
    std::optional<TelegramConfig> m_appliedTelegram;
    std::optional<WhatsAppConfig> m_appliedWhatsApp;
    bool m_fullReloadPending = false;       // a reload() that a later one superseded still counts
    QHash<QString, QString> m_secretErrors; // the last error of each unreadable secret, said once
    bool m_waitingForSecrets = false;
    bool m_active = true; // tests that build a hub of their own drive it directly
};

} // namespace zapito
