// SPDX-License-Identifier: Apache-2.0
#include "inboxservices.h"

#include "operatorname.h"
#include "settingsvalues.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>
#include <QSqlQuery>

namespace zapito {

namespace {
constexpr std::chrono::minutes kHousekeeping{5};
} // namespace

std::unique_ptr<InboxServices> InboxServices::build(const QString& databasePath, DatabaseOpenError* error,
                                                    QObject* parent)
{
    // The window and headless mode write on their event-loop thread: a write that finds another
    // process's lock fails after a few milliseconds instead of freezing the loop for seconds,
    // and every writer here retries (the pipeline, the outbox, the webhook) or says so (the
    // operator's reply and resolve keep what was typed and can be tried again).
    // Opening and upgrading, before the loop runs, may wait as long as they need.
    auto database = Database::open(databasePath, error);
    if (!database)
        return nullptr;
    if (const Status bounded = database->setBusyTimeout(kEventLoopBusyTimeoutMs); !bounded) {
        if (error)
            *error = {DatabaseOpenError::Kind::Unreadable, databasePath, bounded.error()};
        return nullptr;
    }
    std::unique_ptr<InboxServices> services(new InboxServices(std::move(database), parent));
    // The settings every seat agrees on are read from the store once here, before the loop runs;
    // a value only this machine's settings file has is copied into the store the first time (the
    // store wins from then on), so nothing an existing user set is lost (SettingsValues).
    Status shared = services->m_sharedSettings->load();
    if (shared)
        shared = SettingsValues::copyLocalOnce(*services->m_sharedSettings);
    if (!shared) {
        if (error)
            *error = {DatabaseOpenError::Kind::Unreadable, databasePath, shared.error()};
        return nullptr;
    }
    auto bot = services->m_store->ensureBot(tr("My bot"));
    if (!bot) {
        if (error)
            *error = {DatabaseOpenError::Kind::Unreadable, databasePath, bot.error()};
        return nullptr;
    }
    services->m_engine = std::make_unique<ConversationEngine>(*services->m_store, services->m_ruleAgent,
                                                              services->m_channels, *bot);
    ConversationEngine& engine = *services->m_engine;
    WebhookDispatcher& webhook = *services->m_webhook;
    // Nothing is sent before this process leads: a seat only records replies in the outbox.
    engine.outbound().setActive(false);
    // A handoff's webhook goes out once its handoff message's send has finished; rows a quit or
    // crash left due in the outbox go out now (at-least-once, same bytes, same delivery id).
    connect(&engine, &ConversationEngine::webhookDue, &webhook,
            [&webhook](qint64 handoffEventId) { webhook.deliver(handoffEventId); });

    // Telegram, WhatsApp, the preview chat and the flow-and-model agent (replaces RuleAgent).
    services->m_connectors =
        std::make_unique<ConnectorHub>(*services->m_database, engine, services->m_channels,
                                       *services->m_secrets, *services->m_sharedSettings);
    ConnectorHub& hub = *services->m_connectors;
    hub.setActive(false);
    hub.botSettings().storeFirstRunDefaults();

    // The bot's name is a setting; the store's bots row follows it, so bubbles and payloads agree.
    services->m_botName = std::make_unique<BotName>(hub.botSettings());
    auto applyBotName = [store = services->m_store.get(), &engine](const QString& name) {
        Bot current = engine.bot();
        if (current.name == name)
            return;
        if (const Status renamed = store->renameBot(current.id, name); !renamed) {
            emit engine.problem({}, renamed.error());
            return;
        }
        current.name = name;
        engine.setBot(current);
    };
    applyBotName(services->m_botName->name());
    connect(services->m_botName.get(), &BotName::changed, services.get(), applyBotName);
    connect(&hub.telegram(), &TelegramChannel::botIdentified, services->m_botName.get(),
            [botName = services->m_botName.get()](const QString& name) { botName->setFromChannel(name); });

    // What a previous run left undecided or unsent is picked up once the channels and the agent
    // have their configuration; a channel that connects sends what waited for it at once.
    QObject* const startOnce = new QObject(services.get());
    connect(&hub, &ConnectorHub::ready, startOnce, [startOnce, &engine] {
        engine.start();
        startOnce->deleteLater();
    });
    for (ChannelConnector* connector :
         {static_cast<ChannelConnector*>(&hub.telegram()), static_cast<ChannelConnector*>(&hub.whatsapp()),
          static_cast<ChannelConnector*>(&hub.preview())}) {
        connect(connector, &ChannelConnector::statusChanged, &engine,
                [&engine](const ConnectorStatus& status) {
                    if (status.state == ConnectorStatus::State::Connected)
                        engine.outbound().resumeAll(true);
                });
    }

    // What other processes write arrives as the stores' own signals (ChangeWatcher): the change
    // log of migration 0006, read on SQLite when data_version moves, on PostgreSQL on NOTIFY.
    // SQLite's upkeep (merges, checkpoints, the leader's trim) has a thread of its own.
    if (services->m_database->dialect().kind() == SqlDialect::Kind::SQLite)
        services->m_maintenance = std::make_unique<StoreMaintenance>(*services->m_database);
    services->m_changes =
        std::make_unique<ChangeWatcher>(*services->m_database, *services->m_store, *services->m_deliveries);
    // A setting saved in another seat (or by `settings set`) is read again within the feed's
    // delay; what was saved between the load above and the watcher's start is read once it runs.
    services->m_sharedSettings->follow(*services->m_changes, services->m_store->reader());
    connect(services->m_changes.get(), &ChangeWatcher::watching, services->m_sharedSettings.get(),
            &SharedSettings::refresh);
    return services;
}

std::unique_ptr<InboxServices> InboxServices::createLeader(const QString& databasePath,
                                                           DatabaseOpenError* error)
{
    auto services = build(databasePath, error, nullptr);
    if (services)
        services->m_leadsFromStart = true;
    return services;
}

std::unique_ptr<InboxServices> InboxServices::create(const QString& databasePath, DatabaseOpenError* error,
                                                     QObject* parent, Leadership::Mode mode,
                                                     const SeatTimings& timings)
{
    auto services = build(databasePath, error, parent);
    if (!services)
        return nullptr;
    ConnectorHub& hub = *services->m_connectors;
    // On PostgreSQL every statement of the pipeline is a round trip to the server: a window that
    // leads there runs the leading half on a thread of its own (LeaderThread) and stays a seat on
    // its event loop. On SQLite, a local file whose writes wait at most kEventLoopBusyTimeoutMs,
    // the window leads on its event loop and sees its pipeline's changes at once, not at the
    // change feed's next poll.
    const bool leadOnThread = mode == Leadership::Mode::Window &&
                              services->m_database->dialect().kind() == SqlDialect::Kind::PostgreSQL;
    services->m_leadership =
        std::make_unique<Leadership>(*services->m_database, *services->m_secrets,
                                     *services->m_webhookSettings, hub.channelSettings(), mode, timings);
    services->m_leadership->presence().setOperatorName(systemOperatorName());
    connect(services->m_leadership.get(), &Leadership::roleChanged, services.get(),
            [self = services.get(), leadOnThread](Leadership::Role role) {
                if (role != Leadership::Role::Leader)
                    return;
                if (leadOnThread)
                    self->startLeaderThread();
                else
                    self->startLeading();
            });
    // A leader whose lock went (its PostgreSQL session ended) may already have a successor: it
    // stops sending now and the process ends, so nothing goes out twice; a service manager starts
    // it again as a standby (packaging/zapito-inbox-headless.service).
    connect(services->m_leadership.get(), &Leadership::leadershipLost, services.get(),
            [self = services.get()](const QString& reason) {
                self->m_leaderThread.reset();
                self->m_engine->outbound().setActive(false);
                self->m_connectors->setActive(false);
                qCritical("%s", qPrintable(reason));
                emit self->leadershipLost(reason);
                QCoreApplication::exit(kLostLeadExitCode);
            });
    services->m_leadership->start();
    return services;
}

void InboxServices::startLeaderThread()
{
    m_leaderThread = std::make_unique<LeaderThread>(m_database->path());
    LeaderThread& leader = *m_leaderThread;
    // What only the leader knows arrives as this seat's own signals: the window notifies of a
    // handoff, shows a problem or a delivery notice, and the channels' status, as if it led here.
    ConversationEngine& engine = *m_engine;
    connect(&leader, &LeaderThread::handoffRecorded, &engine, &ConversationEngine::handoffRecorded);
    connect(&leader, &LeaderThread::handoffResolved, &engine, &ConversationEngine::handoffResolved);
    connect(&leader, &LeaderThread::problem, &engine, &ConversationEngine::problem);
    connect(&leader, &LeaderThread::webhookNotice, m_webhook.get(), &WebhookDispatcher::notice);
    connect(&leader, &LeaderThread::connectorStatusChanged, m_connectors.get(), &ConnectorHub::showStatusOf);
    connect(&leader, &LeaderThread::previewDelivered, &m_connectors->preview(), &PreviewChannel::delivered);
    connect(&leader, &LeaderThread::started, this, &InboxServices::leadingStarted);
    connect(&leader, &LeaderThread::failed, &engine, [&engine](const QString& error) {
        emit engine.problem({}, tr("The channels, the bot and the webhook could not start: %1").arg(error));
    });
    // The window's preview chat is the leader's preview channel: what is typed there is decided
    // by the leader's bot, and what it answers comes back through previewDelivered.
    m_connectors->preview().setInboundSink(
        [leader = QPointer<LeaderThread>(&leader)](const CustomerMessage& message,
                                                   const ChannelConnector::Committed& committed) {
            if (!leader) { // the lead was lost: nothing here decides any more
                committed(Status::failure(tr("This window no longer leads the inbox.")));
                return;
            }
            leader->previewCustomerSays(message);
            committed(Status::ok()); // nobody to acknowledge to: the leader reports a failure itself
        });
    connect(m_connectors.get(), &ConnectorHub::reloadRequested, &leader,
            [&leader] { leader.post([](InboxServices& services) { services.connectors().reload(); }); });
}

QString InboxServices::resend(qint64 handoffEventId)
{
    if (!m_leaderThread)
        return m_webhook->resend(handoffEventId);
    m_leaderThread->post(
        [handoffEventId](InboxServices& services) { (void)services.resend(handoffEventId); });
    return {};
}

void InboxServices::startLeading()
{
    ConversationEngine& engine = *m_engine;
    engine.outbound().setActive(true);
    // Rows a quit or crash (of this process or of the leader before it) left due go out now
    // (at-least-once, same bytes, same delivery id).
    m_webhook->resumePending();
    // A reply written by a seat (the window, `reply`) is in the outbox: send it now. A resolve
    // needs nothing here: the pipeline reads the status in the store on every message.
    if (m_changes)
        connect(m_changes.get(), &ChangeWatcher::messageAddedElsewhere, &engine,
                [&engine](const QString& conversationId, qint64) { engine.outbound().kick(conversationId); });
    // The leader trims the change log and forgets seats long gone, on the maintenance thread:
    // the DELETE grows with the traffic since the last run, so it never runs on the event loop.
    // On PostgreSQL, which needs no upkeep of its own, the change log's thread runs it.
    auto trim = [](const QSqlDatabase& db) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        (void)ChangeWatcher::trim(db, now);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM seats WHERE heartbeat_at_ms < ?"));
        q.addBindValue(now - ChangeWatcher::kKeepMs);
        (void)q.exec();
    };
    if (m_maintenance)
        m_maintenance->setChore(kHousekeeping, trim);
    else
        m_changes->setChore(kHousekeeping, trim);
    m_connectors->setActive(true);
    m_connectors->reload();
    emit leadingStarted();
}

InboxServices::InboxServices(std::unique_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_store(std::make_unique<ConversationStore>(*m_database))
    , m_secrets(std::make_unique<SecretStore>())
    , m_sharedSettings(std::make_unique<SharedSettings>(*m_database))
    , m_webhookSettings(std::make_unique<WebhookSettings>(*m_secrets, *m_sharedSettings))
    , m_deliveries(std::make_unique<DeliveryStore>(*m_database))
    , m_webhook(std::make_unique<WebhookDispatcher>(*m_deliveries, *m_webhookSettings))
{}

InboxServices::~InboxServices() = default;

} // namespace zapito
