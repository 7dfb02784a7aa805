#include "inboxservices.h"

namespace zapito {

std::unique_ptr<InboxServices> InboxServices::create(const QString& databasePath, DatabaseOpenError* error,
                                                     QObject* parent)
{
    auto database = Database::open(databasePath, error);
    if (!database)
        return nullptr;
    std::unique_ptr<InboxServices> services(new InboxServices(std::move(database), parent));
    auto bot = services->m_store->ensureBot(tr("My bot"));
    if (!bot) {
        if (error)
            *error = {DatabaseOpenError::Kind::Unreadable, databasePath, bot.error()};
        return nullptr;
    }
    services->m_engine = std::make_unique<ConversationEngine>(*services->m_store, services->m_ruleAgent,
                                                              services->m_channels, *bot);
    // A handoff's webhook is owed once the engine recorded it; rows a quit or crash left in
    // the outbox go out now (at-least-once, same bytes, same delivery id).
    connect(
        services->m_engine.get(), &ConversationEngine::handoffRecorded, services->m_webhook.get(),
        [webhook = services->m_webhook.get()](qint64 handoffEventId) { webhook->deliver(handoffEventId); });
    services->m_webhook->resumePending();
    // Telegram, WhatsApp, the preview chat and the flow-and-model agent (replaces RuleAgent).
    services->m_connectors = std::make_unique<ConnectorHub>(*services->m_database, *services->m_engine,
                                                            services->m_channels, *services->m_secrets);
    services->m_connectors->reload();
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
