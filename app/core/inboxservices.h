// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "botname.h"
#include "changewatcher.h"
#include "channelregistry.h"
#include "connectorhub.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "database.h"
#include "deliverystore.h"
#include "leadership.h"
#include "leaderthread.h"
#include "ruleagent.h"
#include "seatpresence.h"
#include "seattimings.h"
#include "secretstore.h"
#include "sharedsettings.h"
#include "storemaintenance.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QObject>

#include <memory>

namespace zapito {

// The composition root: opens the database and wires the store, channels, agent and engine
// that both the window and headless mode run on.
class InboxServices : public QObject
{
    Q_OBJECT
public:
    // The longest a write on the event-loop thread waits for another process's lock: under a
    // frame at 60 Hz, so a locked database never freezes the window.
    static constexpr int kEventLoopBusyTimeoutMs = 10;
    // The exit code of a process that lost the lead (Leadership::leadershipLost).
    static constexpr int kLostLeadExitCode = 3;

    // Returns nullptr with `error` filled when the database cannot be used. Everything is built
    // either way; the channels, the agent, the channel outbox and webhook delivery start only
    // once this process leads (on a store nobody leads and no secret to read, as soon as the
    // event loop runs: the leadership asks for the lock on a thread of its own). `timings` are
    // the seat's heartbeat and presence intervals (tests make them short).
    static std::unique_ptr<InboxServices> create(const QString& databasePath, DatabaseOpenError* error,
                                                 QObject* parent = nullptr,
                                                 Leadership::Mode mode = Leadership::Mode::Window,
                                                 const SeatTimings& timings = {});
    // Services that lead from the start, without a Leadership of their own: the leading half of a
    // window on PostgreSQL, built by LeaderThread on its thread while the window holds the lock.
    static std::unique_ptr<InboxServices> createLeader(const QString& databasePath, DatabaseOpenError* error);
    ~InboxServices() override;
    Q_DISABLE_COPY_MOVE(InboxServices)

    Database& database() { return *m_database; }
    ConversationStore& store() { return *m_store; }
    ChannelRegistry& channels() { return m_channels; }
    ConversationEngine& engine() { return *m_engine; }
    SecretStore& secrets() { return *m_secrets; }
    WebhookSettings& webhookSettings() { return *m_webhookSettings; }
    // The settings every seat agrees on (the webhook's, the bot's, the channels'), in the store.
    SharedSettings& sharedSettings() { return *m_sharedSettings; }
    DeliveryStore& deliveries() { return *m_deliveries; }
    WebhookDispatcher& webhook() { return *m_webhook; }
    ConnectorHub& connectors() { return *m_connectors; }
    BotName& botName() { return *m_botName; }
    // Not on services made by createLeader (the window's Leadership is the one of the process).
    Leadership& leadership() { return *m_leadership; }
    bool isLeader() const { return m_leadsFromStart || (m_leadership && m_leadership->isLeader()); }
    // Who views and types what on this store: this seat's operator (the system user's name) and
    // the other seats'.
    SeatPresence& presence() { return m_leadership->presence(); }
    // The leader's half on a thread of its own, while a window leads on PostgreSQL; else null.
    LeaderThread* leaderThread() { return m_leaderThread.get(); }
    // Resend of a handoff's lead (the transcript's Resend), done by whichever half of this
    // process sends: the answer, when it comes from the leader's thread, arrives later as
    // webhook().notice().
    QString resend(qint64 handoffEventId);
    // What other processes write, announced here (SQLite and PostgreSQL alike).
    ChangeWatcher* changes() { return m_changes.get(); }

signals:
    // This process leads from now on: the channels and the outbox have started.
    void leadingStarted();
    // This process led and lost its lock: nothing is sent any more and the event loop is told to
    // exit with kLostLeadExitCode.
    void leadershipLost(const QString& reason);

private:
    friend class LeaderThread; // starts the services it built once it has connected to them
    InboxServices(std::unique_ptr<Database> database, QObject* parent);
    // Everything but the Leadership: the store, the engine, the hub, the webhook and the feed.
    static std::unique_ptr<InboxServices> build(const QString& databasePath, DatabaseOpenError* error,
                                                QObject* parent);
    void startLeading();
    // On PostgreSQL a window leads through a LeaderThread and stays a seat on its own thread.
    void startLeaderThread();

    std::unique_ptr<Database> m_database;
    std::unique_ptr<ConversationStore> m_store;
    ChannelRegistry m_channels;
    RuleAgent m_ruleAgent;
    std::unique_ptr<ConversationEngine> m_engine;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<SharedSettings> m_sharedSettings; // read by the settings below: goes after them
    std::unique_ptr<WebhookSettings> m_webhookSettings;
    std::unique_ptr<DeliveryStore> m_deliveries;
    std::unique_ptr<WebhookDispatcher> m_webhook;
    std::unique_ptr<ConnectorHub> m_connectors;   // destroyed before what it feeds
    std::unique_ptr<BotName> m_botName;           // reads the hub's BotSettings: goes first
    std::unique_ptr<ChangeWatcher> m_changes;     // announces on the stores: goes before them
    std::unique_ptr<Leadership> m_leadership;     // lets go of the lead before anything stops
    std::unique_ptr<LeaderThread> m_leaderThread; // stops sending before the lead is let go
    bool m_leadsFromStart = false;                // made by createLeader
    // SQLite's merges, checkpoints and the leader's trimming, off the event loop; null on PostgreSQL.
    std::unique_ptr<StoreMaintenance> m_maintenance;
};

} // namespace zapito
