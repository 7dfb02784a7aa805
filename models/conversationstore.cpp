// SPDX-License-Identifier: Apache-2.0
#include "conversationstore.h"

#include "conversationlistquery.h"
#include "database.h"
#include "handoffwriter.h"
#include "messagewriter.h"
#include "storequeries.h"
#include "storereader.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL and want ''.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

} // namespace

ConversationStore::ConversationStore(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

ConversationStore::~ConversationStore() = default;

StoreReader& ConversationStore::reader()
{
    if (!m_reader)
        m_reader = std::make_unique<StoreReader>(m_database);
    return *m_reader;
}

QSqlDatabase ConversationStore::connection() const
{
    return m_database.connection();
}

Expected<Bot> ConversationStore::ensureBot(const QString& defaultName)
{
    const auto first = [this]() -> Expected<std::optional<Bot>> {
        QSqlQuery q(connection());
        if (!q.exec(QStringLiteral("SELECT id, name FROM bots ORDER BY created_at_ms, id LIMIT 1")))
            return Expected<std::optional<Bot>>::failure(sqlError(q));
        if (!q.next())
            return std::optional<Bot>();
        return std::optional<Bot>(Bot{q.value(0).toString(), q.value(1).toString()});
    };
    // Nearly always there is one: found without a write transaction.
    if (auto found = first(); !found || *found)
        return found ? Expected<Bot>(**found) : Expected<Bot>::failure(found.error());

    // Two processes starting on a new store must not make a bot each. A bot has no natural key an
    // INSERT … ON CONFLICT could meet, so the look-up is made again, and the insert done, in one
    // write transaction that excludes the other's (SqlDialect::lockForFirstBot).
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Expected<Bot>::failure(tx.error());
    QSqlQuery q(connection());
    if (const QString lock = m_database.dialect().lockForFirstBot(); !lock.isEmpty() && !q.exec(lock))
        return Expected<Bot>::failure(sqlError(q));
    if (auto found = first(); !found || *found)
        return found ? Expected<Bot>(**found) : Expected<Bot>::failure(found.error());
    Bot created{MessageWriter::newId(u"bot_"), defaultName};
    q.prepare(QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES (?, ?, ?)"));
    q.addBindValue(created.id);
    q.addBindValue(text(created.name));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return Expected<Bot>::failure(sqlError(q));
    if (const Status committed = tx.commit(); !committed)
        return Expected<Bot>::failure(committed.error());
    return created;
}

Expected<Bot> ConversationStore::bot(const QString& botId) const
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT id, name FROM bots WHERE id = ?"));
    q.addBindValue(botId);
    if (!q.exec())
        return Expected<Bot>::failure(sqlError(q));
    if (!q.next())
        return Expected<Bot>::failure(tr("No bot %1").arg(botId));
    return Bot{q.value(0).toString(), q.value(1).toString()};
}

Status ConversationStore::renameBot(const QString& botId, const QString& name)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE bots SET name = ? WHERE id = ?"));
    q.addBindValue(name);
    q.addBindValue(botId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    return Status::ok();
}

Expected<Conversation> ConversationStore::upsertConversation(const QString& botId, const QString& channel,
                                                             const QString& externalId,
                                                             const QString& contactName, qint64 atMs)
{
    auto upserted =
        MessageWriter(connection()).upsertConversation(botId, channel, externalId, contactName, atMs);
    if (!upserted)
        return upserted;
    const Conversation c = std::move(upserted).value();
    emit conversationChanged(c.id);
    return c;
}

Expected<Conversation> ConversationStore::conversation(const QString& conversationId) const
{
    return StoreQueries::conversation(connection(), conversationId);
}

Expected<ConversationStore::Appended> ConversationStore::appendMessage(const QString& conversationId,
                                                                       MessageRole role,
                                                                       const QString& content, qint64 atMs,
                                                                       const QString& externalMessageId)
{
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Expected<Appended>::failure(tx.error());
    NewMessage message;
    message.conversationId = conversationId;
    message.role = role;
    message.content = content;
    message.nowMs = atMs;
    message.externalMessageId = externalMessageId;
    message.sendState = role == MessageRole::User ? SendState::None : SendState::Sent;
    bool stored = false;
    auto inserted = MessageWriter(connection()).append(message, &stored);
    if (!inserted)
        return Expected<Appended>::failure(inserted.error());
    if (stored)
        return Appended{std::move(inserted).value(), true}; // rolled back: nothing was written
    if (const Status committed = tx.commit(); !committed)
        return Expected<Appended>::failure(committed.error());
    emit messageAdded(conversationId, inserted->id);
    emit conversationChanged(conversationId);
    return Appended{std::move(inserted).value(), false};
}

Expected<ConversationStore::HandoffRecord>
ConversationStore::recordHandoff(const QString& conversationId, const QString& handoffMessage,
                                 HandoffReason reason, qint64 atMs, const PayloadBuilder& buildPayload)
{
    using Result = Expected<HandoffRecord>;
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Result::failure(tx.error());

    auto record = HandoffWriter(*this).write(
        {conversationId, handoffMessage, reason, atMs, HandoffWriter::Message::AlreadySent}, buildPayload);
    if (!record)
        return record;
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit messageAdded(conversationId, record->message.id);
    emit conversationChanged(conversationId);
    emit handoffChanged(conversationId, record->event.id);
    return record;
}

Expected<ConversationStore::Resolution> ConversationStore::resolve(const QString& conversationId,
                                                                   const QString& resolvedBy, qint64 atMs)
{
    using Result = Expected<Resolution>;
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(connection());
    // Whoever comes second finds the conversation already back with the bot.
    q.prepare(QStringLiteral("UPDATE conversations SET status = 'bot', open_handoff_reason = NULL "
                             "WHERE id = ? AND status <> 'bot' RETURNING status"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (!q.next())
        return Result::failure(tr("This conversation has no open handoff to resolve."));
    q.finish();

    Resolution resolution;
    q.prepare(QStringLiteral("UPDATE handoff_events SET resolved_at_ms = ?, resolved_by = ? "
                             "WHERE conversation_id = ? AND resolved_at_ms IS NULL RETURNING ") +
              QLatin1String(kHandoffEventColumns));
    q.addBindValue(atMs);
    q.addBindValue(resolvedBy);
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (q.next())
        resolution.event = handoffEventFromRecord(q.record());
    q.finish();
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit conversationChanged(conversationId);
    if (resolution.event)
        emit handoffChanged(conversationId, resolution.event->id);
    return resolution;
}

Expected<Message> ConversationStore::message(qint64 messageId) const
{
    return StoreQueries::message(connection(), messageId);
}

Status ConversationStore::markRead(const QString& conversationId)
{
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE conversations SET unread_count = 0 WHERE id = ? AND unread_count <> 0"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    if (q.numRowsAffected() > 0)
        emit conversationChanged(conversationId);
    return Status::ok();
}

Expected<QList<Conversation>>
ConversationStore::conversationsPage(const ConversationFilter& filter, int limit,
                                     const std::optional<PageCursor>& after) const
{
    return ConversationListQuery(connection()).page(filter, limit, after);
}

Expected<ConversationStore::Counts> ConversationStore::counts() const
{
    return StoreQueries::counts(connection());
}

Expected<QList<Message>> ConversationStore::messages(const QString& conversationId, qint64 afterSeq,
                                                     int limit) const
{
    return StoreQueries::messagesAfter(connection(), conversationId, afterSeq, limit);
}

Expected<QList<Message>> ConversationStore::lastMessages(const QString& conversationId, int count) const
{
    return StoreQueries::lastMessages(connection(), conversationId, count);
}

Expected<QList<Message>> ConversationStore::lastSaid(const QString& conversationId, int count) const
{
    return StoreQueries::lastSaid(connection(), conversationId, count);
}

Expected<QList<HandoffEvent>> ConversationStore::handoffEvents(const QString& conversationId) const
{
    return StoreQueries::handoffEvents(connection(), conversationId);
}

Expected<HandoffEvent> ConversationStore::handoffEvent(qint64 handoffEventId) const
{
    return StoreQueries::handoffEvent(connection(), handoffEventId);
}

} // namespace zapito
