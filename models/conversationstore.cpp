#include "conversationstore.h"

#include "conversationlistquery.h"
#include "database.h"
#include "writetransaction.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

constexpr int kPreviewLength = 140;

QString newId(QStringView prefix)
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    return prefix + QString::number(bits[0], 16).rightJustified(16, u'0') +
           QString::number(bits[1] & 0xffffffffu, 16).rightJustified(8, u'0');
}

QString previewOf(const QString& content)
{
    QString line = content.simplified();
    if (line.size() > kPreviewLength)
        line = line.left(kPreviewLength - 1) + QChar(0x2026);
    return line;
}

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL and want ''.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

QString select(const char* columns, const char* rest)
{
    return QStringLiteral("SELECT ") + QLatin1String(columns) + u' ' + QLatin1String(rest);
}

} // namespace

ConversationStore::ConversationStore(Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{}

QSqlDatabase ConversationStore::connection() const
{
    return m_database.connection();
}

Expected<Bot> ConversationStore::ensureBot(const QString& defaultName)
{
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT id, name FROM bots ORDER BY created_at_ms, id LIMIT 1")))
        return Expected<Bot>::failure(sqlError(q));
    if (q.next())
        return Bot{q.value(0).toString(), q.value(1).toString()};
    Bot created{newId(u"bot_"), defaultName};
    q.prepare(QStringLiteral("INSERT INTO bots (id, name, created_at_ms) VALUES (?, ?, ?)"));
    q.addBindValue(created.id);
    q.addBindValue(text(created.name));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return Expected<Bot>::failure(sqlError(q));
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
    QSqlQuery q(connection());
    // The id is only used when the row is new; an existing row keeps its own.
    q.prepare(
        QStringLiteral(
            "INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, status, "
            "last_activity_ms, created_at_ms) VALUES (?, ?, ?, ?, ?, 'bot', ?, ?) "
            "ON CONFLICT (bot_id, channel, external_id) DO UPDATE SET contact_name = CASE WHEN "
            "excluded.contact_name <> '' THEN excluded.contact_name ELSE conversations.contact_name END "
            "RETURNING ") +
        QLatin1String(kConversationColumns));
    q.addBindValue(newId(u"conv_"));
    q.addBindValue(botId);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    q.addBindValue(text(contactName.trimmed()));
    q.addBindValue(atMs);
    q.addBindValue(atMs);
    if (!q.exec() || !q.next())
        return Expected<Conversation>::failure(sqlError(q));
    Conversation c = conversationFromRecord(q.record());
    q.finish();
    emit conversationChanged(c.id);
    return c;
}

Expected<Conversation> ConversationStore::conversation(const QString& conversationId) const
{
    QSqlQuery q(connection());
    q.prepare(select(kConversationColumns, "FROM conversations WHERE id = ?"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Expected<Conversation>::failure(sqlError(q));
    if (!q.next())
        return Expected<Conversation>::failure(tr("No conversation %1").arg(conversationId));
    return conversationFromRecord(q.record());
}

Expected<Message> ConversationStore::insertMessage(const QString& conversationId, MessageRole role,
                                                   const QString& content, qint64 atMs,
                                                   const QString& externalMessageId)
{
    QSqlQuery q(connection());
    q.prepare(
        QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms, external_message_id) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(conversationId);
    q.addBindValue(asString(role));
    q.addBindValue(text(content));
    q.addBindValue(atMs);
    q.addBindValue(externalMessageId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : externalMessageId);
    if (!q.exec() || !q.next())
        return Expected<Message>::failure(sqlError(q));
    Message m{q.value(0).toLongLong(), conversationId, role, content, atMs, externalMessageId};
    q.finish();

    // Activity only moves forward: a late-arriving older message must not reorder the list.
    QSqlQuery u(connection());
    u.prepare(QStringLiteral("UPDATE conversations SET last_activity_ms = CASE WHEN ? > last_activity_ms "
                             "THEN ? ELSE last_activity_ms END, "
                             "last_message_preview = ?, "
                             "unread_count = unread_count + ? WHERE id = ?"));
    u.addBindValue(atMs);
    u.addBindValue(atMs);
    u.addBindValue(previewOf(content));
    u.addBindValue(role == MessageRole::User ? 1 : 0);
    u.addBindValue(conversationId);
    if (!u.exec())
        return Expected<Message>::failure(sqlError(u));
    return m;
}

Expected<ConversationStore::Appended> ConversationStore::appendMessage(const QString& conversationId,
                                                                       MessageRole role,
                                                                       const QString& content, qint64 atMs,
                                                                       const QString& externalMessageId)
{
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Expected<Appended>::failure(tx.error());
    if (!externalMessageId.isEmpty()) {
        QSqlQuery q(connection());
        q.prepare(
            select(kMessageColumns, "FROM messages WHERE conversation_id = ? AND external_message_id = ?"));
        q.addBindValue(conversationId);
        q.addBindValue(externalMessageId);
        if (!q.exec())
            return Expected<Appended>::failure(sqlError(q));
        if (q.next())
            return Appended{messageFromRecord(q.record()), true};
    }
    auto inserted = insertMessage(conversationId, role, content, atMs, externalMessageId);
    if (!inserted)
        return Expected<Appended>::failure(inserted.error());
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

    auto message = insertMessage(conversationId, MessageRole::Assistant, handoffMessage, atMs, {});
    if (!message)
        return Result::failure(message.error());

    QSqlQuery q(connection());
    q.prepare(
        QStringLiteral("UPDATE conversations SET status = 'handoff', open_handoff_reason = ? WHERE id = ?"));
    q.addBindValue(asString(reason));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(sqlError(q));

    auto conv = conversation(conversationId);
    if (!conv)
        return Result::failure(conv.error());
    auto owner = bot(conv->botId);
    if (!owner)
        return Result::failure(owner.error());
    auto transcript = lastMessages(conversationId, kTranscriptLength);
    if (!transcript)
        return Result::failure(transcript.error());
    const QByteArray payload = buildPayload(*owner, *conv, *transcript, reason, atMs);

    // The unique index on open events refuses a second open handoff for the same conversation.
    q.prepare(
        QStringLiteral("INSERT INTO handoff_events (conversation_id, message_id, reason, at_ms, payload) "
                       "VALUES (?, ?, ?, ?, ?) RETURNING id"));
    q.addBindValue(conversationId);
    q.addBindValue(message->id);
    q.addBindValue(asString(reason));
    q.addBindValue(atMs);
    q.addBindValue(payload);
    if (!q.exec() || !q.next())
        return Result::failure(sqlError(q));
    HandoffEvent event;
    event.id = q.value(0).toLongLong();
    event.conversationId = conversationId;
    event.messageId = message->id;
    event.reason = reason;
    event.atMs = atMs;
    q.finish();

    q.prepare(QStringLiteral("INSERT INTO webhook_outbox (handoff_event_id, due_at_ms) VALUES (?, ?)"));
    q.addBindValue(event.id);
    q.addBindValue(atMs);
    if (!q.exec())
        return Result::failure(sqlError(q));

    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit messageAdded(conversationId, message->id);
    emit conversationChanged(conversationId);
    emit handoffChanged(conversationId, event.id);
    return HandoffRecord{std::move(message).value(), event};
}

Expected<HandoffEvent> ConversationStore::resolve(const QString& conversationId, const QString& resolvedBy,
                                                  qint64 atMs)
{
    WriteTransaction tx(connection());
    if (!tx.isActive())
        return Expected<HandoffEvent>::failure(tx.error());
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE handoff_events SET resolved_at_ms = ?, resolved_by = ? "
                             "WHERE conversation_id = ? AND resolved_at_ms IS NULL RETURNING ") +
              QLatin1String(kHandoffEventColumns));
    q.addBindValue(atMs);
    q.addBindValue(resolvedBy);
    q.addBindValue(conversationId);
    if (!q.exec())
        return Expected<HandoffEvent>::failure(sqlError(q));
    if (!q.next())
        return Expected<HandoffEvent>::failure(tr("This conversation has no open handoff to resolve."));
    const HandoffEvent event = handoffEventFromRecord(q.record());
    q.finish();

    q.prepare(
        QStringLiteral("UPDATE conversations SET status = 'bot', open_handoff_reason = NULL WHERE id = ?"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Expected<HandoffEvent>::failure(sqlError(q));
    if (const Status committed = tx.commit(); !committed)
        return Expected<HandoffEvent>::failure(committed.error());
    emit conversationChanged(conversationId);
    emit handoffChanged(conversationId, event.id);
    return event;
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
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM conversations), "
                               "(SELECT COUNT(*) FROM conversations WHERE status = 'handoff')")) ||
        !q.next())
        return Expected<Counts>::failure(sqlError(q));
    return Counts{q.value(0).toInt(), q.value(1).toInt()};
}

Expected<QList<Message>> ConversationStore::messages(const QString& conversationId, qint64 afterId,
                                                     int limit) const
{
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    q.prepare(
        select(kMessageColumns, "FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?"));
    q.addBindValue(conversationId);
    q.addBindValue(afterId);
    q.addBindValue(limit);
    if (!q.exec())
        return Expected<QList<Message>>::failure(sqlError(q));
    QList<Message> list;
    while (q.next())
        list.append(messageFromRecord(q.record()));
    return list;
}

Expected<QList<Message>> ConversationStore::lastMessages(const QString& conversationId, int count) const
{
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    q.prepare(select(kMessageColumns, "FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(conversationId);
    q.addBindValue(count);
    if (!q.exec())
        return Expected<QList<Message>>::failure(sqlError(q));
    QList<Message> list;
    while (q.next())
        list.prepend(messageFromRecord(q.record()));
    return list;
}

Expected<QList<HandoffEvent>> ConversationStore::handoffEvents(const QString& conversationId) const
{
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    q.prepare(select(kHandoffEventColumns, "FROM handoff_events WHERE conversation_id = ? ORDER BY id"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Expected<QList<HandoffEvent>>::failure(sqlError(q));
    QList<HandoffEvent> list;
    while (q.next())
        list.append(handoffEventFromRecord(q.record()));
    return list;
}

Expected<HandoffEvent> ConversationStore::handoffEvent(qint64 handoffEventId) const
{
    QSqlQuery q(connection());
    q.prepare(select(kHandoffEventColumns, "FROM handoff_events WHERE id = ?"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Expected<HandoffEvent>::failure(sqlError(q));
    if (!q.next())
        return Expected<HandoffEvent>::failure(tr("No handoff event %1").arg(handoffEventId));
    return handoffEventFromRecord(q.record());
}

} // namespace zapito
