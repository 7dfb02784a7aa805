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
    return services;
}

InboxServices::InboxServices(std::unique_ptr<Database> database, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_store(std::make_unique<ConversationStore>(*m_database))
{}

InboxServices::~InboxServices() = default;

} // namespace zapito
