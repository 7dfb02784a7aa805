// SPDX-License-Identifier: Apache-2.0
#include "storequeries.h"

#include "storerows.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito::StoreQueries {

namespace {

QString select(const char* columns, const char* rest)
{
    return QStringLiteral("SELECT ") + QLatin1String(columns) + u' ' + QLatin1String(rest);
}

template<typename T> Expected<T> failed(const QSqlQuery& q)
{
    return Expected<T>::failure(q.lastError().text());
}

// Runs a prepared read with its binds, forward only.
bool run(QSqlQuery& q, const QString& sql, const QVariantList& binds)
{
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return false;
    for (const QVariant& v : binds)
        q.addBindValue(v);
    return q.exec();
}

Expected<QList<Message>> messageList(const QSqlDatabase& db, const QString& sql, const QVariantList& binds,
                                     bool newestFirstInSql)
{
    QSqlQuery q(db);
    if (!run(q, sql, binds))
        return failed<QList<Message>>(q);
    QList<Message> list;
    while (q.next()) {
        if (newestFirstInSql)
            list.prepend(messageFromRecord(q.record()));
        else
            list.append(messageFromRecord(q.record()));
    }
    return list;
}

} // namespace

int Counts::of(InboxView view) const
{
    switch (view) {
    case InboxView::All:
        return all;
    case InboxView::NeedsHuman:
        return needsHuman;
    case InboxView::Mine:
        return mine;
    case InboxView::Bot:
        return botHas;
    case InboxView::Resolved:
        return resolved;
    }
    return 0;
}

Expected<Counts> counts(const QSqlDatabase& db, const QString& me)
{
    QSqlQuery q(db);
    const QString mine = QStringLiteral("assignee:") + me;
    if (!run(q,
             QStringLiteral(
                 "SELECT view, count FROM inbox_counts WHERE view IN ('all', 'handoff', 'operator', "
                 "'bot', 'resolved', ?)"),
             {mine}))
        return failed<Counts>(q);
    Counts counts;
    while (q.next()) {
        const QString view = q.value(0).toString();
        const int count = q.value(1).toInt();
        if (view == QLatin1String("all"))
            counts.all = count;
        else if (view == QLatin1String("handoff"))
            counts.needsHuman = count;
        else if (view == QLatin1String("operator"))
            counts.operatorHas = count;
        else if (view == QLatin1String("bot"))
            counts.botHas = count;
        else if (view == QLatin1String("resolved"))
            counts.resolved = count;
        else if (!me.isEmpty() && view == mine)
            counts.mine = count;
    }
    return counts;
}

Expected<Conversation> conversation(const QSqlDatabase& db, const QString& conversationId)
{
    QSqlQuery q(db);
    if (!run(q, select(kConversationColumns, "FROM conversations WHERE id = ?"), {conversationId}))
        return failed<Conversation>(q);
    if (!q.next())
        return Expected<Conversation>::failure(
            QCoreApplication::translate("ConversationStore", "No conversation %1").arg(conversationId));
    return conversationFromRecord(q.record());
}

Expected<Message> message(const QSqlDatabase& db, qint64 messageId)
{
    QSqlQuery q(db);
    if (!run(q, select(kMessageColumns, "FROM messages WHERE id = ?"), {messageId}))
        return failed<Message>(q);
    if (!q.next())
        return Expected<Message>::failure(
            QCoreApplication::translate("ConversationStore", "No message %1").arg(messageId));
    return messageFromRecord(q.record());
}

Expected<QList<Message>> messagesAfter(const QSqlDatabase& db, const QString& conversationId, qint64 afterSeq,
                                       int limit)
{
    return messageList(
        db,
        select(kMessageColumns, "FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?"),
        {conversationId, afterSeq, limit}, false);
}

Expected<QList<Message>> messagesBefore(const QSqlDatabase& db, const QString& conversationId,
                                        qint64 beforeSeq, int limit)
{
    return messageList(
        db,
        select(kMessageColumns,
               "FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"),
        {conversationId, beforeSeq, limit}, true);
}

Expected<QList<Message>> lastMessages(const QSqlDatabase& db, const QString& conversationId, int count)
{
    return messageList(
        db, select(kMessageColumns, "FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?"),
        {conversationId, count}, true);
}

Expected<QList<Message>> lastSaid(const QSqlDatabase& db, const QString& conversationId, int count)
{
    return messageList(db,
                       select(kMessageColumns, "FROM messages WHERE conversation_id = ? AND kind = 'message' "
                                               "ORDER BY seq DESC LIMIT ?"),
                       {conversationId, count}, true);
}

Expected<QList<HandoffEvent>> handoffEvents(const QSqlDatabase& db, const QString& conversationId)
{
    QSqlQuery q(db);
    if (!run(q, select(kHandoffEventColumns, "FROM handoff_events WHERE conversation_id = ? ORDER BY id"),
             {conversationId}))
        return failed<QList<HandoffEvent>>(q);
    QList<HandoffEvent> list;
    while (q.next())
        list.append(handoffEventFromRecord(q.record()));
    return list;
}

Expected<HandoffEvent> handoffEvent(const QSqlDatabase& db, qint64 handoffEventId)
{
    QSqlQuery q(db);
    if (!run(q, select(kHandoffEventColumns, "FROM handoff_events WHERE id = ?"), {handoffEventId}))
        return failed<HandoffEvent>(q);
    if (!q.next())
        return Expected<HandoffEvent>::failure(
            QCoreApplication::translate("ConversationStore", "No handoff event %1").arg(handoffEventId));
    return handoffEventFromRecord(q.record());
}

Expected<QHash<qint64, HandoffInfo>> handoffsByMessage(const QSqlDatabase& db, const QString& conversationId)
{
    using Result = Expected<QHash<qint64, HandoffInfo>>;
    QSqlQuery q(db);
    const QString sql =
        QStringLiteral("SELECT ") + QLatin1String(kHandoffEventColumns) +
        QLatin1String(", (SELECT COUNT(*) FROM delivery_attempts a WHERE a.handoff_event_id = "
                      "handoff_events.id) FROM handoff_events WHERE conversation_id = ? ORDER BY id");
    if (!run(q, sql, {conversationId}))
        return failed<QHash<qint64, HandoffInfo>>(q);
    QHash<qint64, HandoffInfo> byMessage;
    while (q.next()) {
        const QSqlRecord record = q.record();
        HandoffInfo info{handoffEventFromRecord(record),
                         record.value(record.count() - 1).toInt()}; // the count follows the event's columns
        if (info.event.messageId != 0)
            byMessage.insert(info.event.messageId, info);
    }
    return Result(std::move(byMessage));
}

Expected<QList<DeliveryAttempt>> deliveryAttempts(const QSqlDatabase& db, qint64 handoffEventId)
{
    QSqlQuery q(db);
    if (!run(q,
             QStringLiteral("SELECT id, handoff_event_id, attempted_at_ms, http_status, error, duration_ms, "
                            "kind FROM delivery_attempts WHERE handoff_event_id = ? ORDER BY id"),
             {handoffEventId}))
        return failed<QList<DeliveryAttempt>>(q);
    QList<DeliveryAttempt> attempts;
    while (q.next())
        attempts.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         q.value(3).toInt(), q.value(4).toString(), q.value(5).toLongLong(),
                         q.value(6).toString()});
    return attempts;
}

} // namespace zapito::StoreQueries
