// SPDX-License-Identifier: Apache-2.0
#include "inboxservices.h"

namespace zapito {

std::unique_ptr<InboxServices> InboxServices::create(const QString& databasePath, DatabaseOpenError* error,
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
    // A handoff's webhook goes out once its handoff message's send has finished; rows a quit or
    // crash left due in the outbox go out now (at-least-once, same bytes, same delivery id).
    connect(&engine, &ConversationEngine::webhookDue, &webhook,
            [&webhook](qint64 handoffEventId) { webhook.deliver(handoffEventId); });
    webhook.resumePending();

    // Telegram, WhatsApp, the preview chat and the flow-and-model agent (replaces RuleAgent).
    services->m_connectors = std::make_unique<ConnectorHub>(*services->m_database, engine,
                                                            services->m_channels, *services->m_secrets);
    ConnectorHub& hub = *services->m_connectors;

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
    hub.reload();
    return services;
}

InboxServices::InboxServices(std::unique_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_store(std::make_unique<ConversationStore>(*m_database))
    , m_secrets(std::make_unique<SecretStore>())
    , m_webhookSettings(std::make_unique<WebhookSettings>(*m_secrets))
    , m_deliveries(std::make_unique<DeliveryStore>(*m_database))
    , m_webhook(std::make_unique<WebhookDispatcher>(*m_deliveries, *m_webhookSettings))
{}

InboxServices::~InboxServices() = default;

} // namespace zapito
