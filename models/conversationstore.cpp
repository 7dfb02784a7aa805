// SPDX-License-Identifier: Apache-2.0
#include "conversationstore.h"

#include "conversationlistquery.h"
#include "database.h"
#include "handoffwriter.h"
#include "messagewriter.h"
#include "storequeries.h"
#include "storereader.h"
#include "storewriter.h"
#include "untrustedtext.h"
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

ConversationStore::~ConversationStore()
{
    // Its remaining writes commit while this store, which they are announced on, still exists.
    m_writer.reset();
}

StoreReader& ConversationStore::reader()
{
    if (!m_reader)
        m_reader = std::make_unique<StoreReader>(m_database);
    return *m_reader;
}

StoreWriter& ConversationStore::writer()
{
    if (!m_writer)
        m_writer = std::make_unique<StoreWriter>(*this, m_database);
    return *m_writer;
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
    // The one statement that decides: under READ COMMITTED a second seat's UPDATE waits for the
    // first's row lock, then finds the row back with the bot and matches nothing.
    q.prepare(QStringLiteral("UPDATE conversations SET status = 'bot', open_handoff_reason = NULL, "
                             "resolved_at_ms = ?, resolved_by = ? WHERE id = ? AND status <> 'bot' "
                             "RETURNING status"));
    q.addBindValue(atMs);
    q.addBindValue(text(resolvedBy));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    if (!q.next()) {
        q.finish();
        // Read after the other's commit (a statement of its own sees it on PostgreSQL too).
        auto now = StoreQueries::conversation(connection(), conversationId);
        if (now && isResolved(*now) && !now->resolvedBy.isEmpty())
            return Result::failure(tr("Already resolved by %1").arg(isolated(now->resolvedBy)));
        return Result::failure(tr("This conversation has no open handoff to resolve."));
    }
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

Status ConversationStore::reopen(const QString& conversationId)
{
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Status::failure(tx.error());
    auto before = StoreQueries::conversation(connection(), conversationId);
    if (!before)
        return Status::failure(before.error());
    if (!isResolved(*before))
        return Status::failure(tr("This conversation is not resolved."));
    const qint64 resolvedAt = *before->resolvedAtMs;

    QSqlQuery q(connection());
    // The handoff this resolution closed, if it closed one (a takeover's has none).
    q.prepare(QStringLiteral("UPDATE handoff_events SET resolved_at_ms = NULL, resolved_by = NULL "
                             "WHERE conversation_id = ? AND resolved_at_ms = ? AND id = (SELECT MAX(id) FROM "
                             "handoff_events WHERE conversation_id = ?) RETURNING id, reason"));
    q.addBindValue(conversationId);
    q.addBindValue(resolvedAt);
    q.addBindValue(conversationId);
    if (!q.exec())
        return Status::failure(sqlError(q));
    qint64 eventId = 0;
    QVariant reason; // NULL: back to the operator's takeover
    if (q.next()) {
        eventId = q.value(0).toLongLong();
        reason = q.value(1);
    }
    q.finish();

    // Conditional on the very resolution read above: a seat that changed it meanwhile wins.
    q.prepare(QStringLiteral("UPDATE conversations SET status = ?, open_handoff_reason = ?, "
                             "resolved_at_ms = NULL, resolved_by = NULL "
                             "WHERE id = ? AND status = 'bot' AND resolved_at_ms = ? RETURNING id"));
    q.addBindValue(eventId != 0 ? QStringLiteral("handoff") : QStringLiteral("operator"));
    q.addBindValue(eventId != 0 ? reason : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(conversationId);
    q.addBindValue(resolvedAt);
    if (!q.exec())
        return Status::failure(sqlError(q));
    if (!q.next())
        return Status::failure(tr("This conversation changed meanwhile; it was not reopened."));
    q.finish();
    if (const Status committed = tx.commit(); !committed)
        return committed;
    emit conversationChanged(conversationId);
    if (eventId != 0)
        emit handoffChanged(conversationId, eventId);
    return Status::ok();
}

Status ConversationStore::assign(const QString& conversationId, const QString& operatorName)
{
    QSqlQuery q(connection());
    if (operatorName.isEmpty()) {
        q.prepare(
            QStringLiteral("UPDATE conversations SET assignee = NULL WHERE id = ? AND assignee IS NOT NULL"));
        q.addBindValue(conversationId);
    } else {
        q.prepare(QStringLiteral("UPDATE conversations SET assignee = ? WHERE id = ? AND "
                                 "(assignee IS NULL OR assignee <> ?)"));
        q.addBindValue(operatorName);
        q.addBindValue(conversationId);
        q.addBindValue(operatorName);
    }
    if (!q.exec())
        return Status::failure(sqlError(q));
    if (q.numRowsAffected() > 0)
        emit conversationChanged(conversationId);
    return Status::ok();
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

Expected<ConversationStore::Counts> ConversationStore::counts(const QString& me) const
{
    return StoreQueries::counts(connection(), me);
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
