// SPDX-License-Identifier: Apache-2.0
#include "pipelinestore.h"

#include "handoffwriter.h"
#include "messagewriter.h"
#include "storerows.h"
#include "writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

QString sqlError(const QSqlQuery& q)
{
    return q.lastError().text();
}

} // namespace

PipelineStore::PipelineStore(ConversationStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{}

Expected<PipelineStore::Inbound> PipelineStore::storeInbound(const QString& botId, const CustomerMessage& in,
                                                             qint64 nowMs)
{
    using Result = Expected<Inbound>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());

    auto conversation =
        MessageWriter(db).upsertConversation(botId, in.channel, in.externalId, in.contactName, nowMs);
    if (!conversation)
        return Result::failure(conversation.error());
    Inbound result;
    result.conversation = std::move(conversation).value();

    NewMessage message;
    message.conversationId = result.conversation.id;
    message.role = MessageRole::User;
    message.content = in.text;
    message.nowMs = nowMs;
    message.externalMessageId = in.externalMessageId;
    if (in.at.isValid())
        message.channelAtMs = in.at.toMSecsSinceEpoch();
    // Read in this transaction, the status cannot change before the commit.
    message.decided = result.conversation.status != ConversationStatus::Bot;
    bool stored = false;
    auto appended = MessageWriter(db).append(message, &stored);
    if (!appended)
        return Result::failure(appended.error());
    if (stored) {
        // Stored before (the channel retried, perhaps after our crash); if it is still undecided
        // the decider has it, so acknowledging again is all there is to do. Nothing was written.
        result.message = std::move(appended).value();
        result.duplicate = true;
        return result;
    }
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    result.message = std::move(appended).value();
    emit m_store.messageAdded(result.conversation.id, result.message.id);
    emit m_store.conversationChanged(result.conversation.id);
    return result;
}

Expected<QStringList> PipelineStore::conversationsAwaitingDecision() const
{
    QSqlQuery q(m_store.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT conversation_id FROM messages WHERE decided = 0")))
        return Expected<QStringList>::failure(sqlError(q));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

Expected<std::optional<PipelineStore::Pending>> PipelineStore::pending(const QString& conversationId,
                                                                       int contextMessages) const
{
    using Result = Expected<std::optional<Pending>>;
    QSqlQuery q(m_store.connection());
    q.prepare(QStringLiteral("SELECT MAX(seq) FROM messages WHERE conversation_id = ? AND decided = 0"));
    q.addBindValue(conversationId);
    if (!q.exec() || !q.next())
        return Result::failure(sqlError(q));
    if (q.isNull(0))
        return Result(std::nullopt);
    Pending pending;
    pending.uptoSeq = q.value(0).toLongLong();
    q.finish();

    auto conversation = m_store.conversation(conversationId);
    if (!conversation)
        return Result::failure(conversation.error());
    pending.conversation = std::move(conversation).value();

    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kMessageColumns) +
              // Notes are the team's: the bot never reads one.
              QLatin1String(" FROM messages WHERE conversation_id = ? AND seq <= ? AND kind = 'message' "
                            "ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(conversationId);
    q.addBindValue(pending.uptoSeq);
    q.addBindValue(contextMessages);
    if (!q.exec())
        return Result::failure(sqlError(q));
    while (q.next())
        pending.transcript.prepend(messageFromRecord(q.record()));
    return Result(std::move(pending));
}

Expected<PipelineStore::Decided> PipelineStore::decideSilently(const QString& conversationId, qint64 uptoSeq)
{
    return decide(conversationId, uptoSeq, Kind::Silent, {}, HandoffReason::Handoff, 0, {});
}

Expected<PipelineStore::Decided> PipelineStore::decideReply(const QString& conversationId, qint64 uptoSeq,
                                                            const QString& text, qint64 nowMs)
{
    return decide(conversationId, uptoSeq, Kind::Reply, text, HandoffReason::Handoff, nowMs, {});
}

Expected<PipelineStore::Decided>
PipelineStore::decideHandoff(const QString& conversationId, qint64 uptoSeq, const QString& text,
                             HandoffReason reason, qint64 nowMs,
                             const ConversationStore::PayloadBuilder& buildPayload)
{
    return decide(conversationId, uptoSeq, Kind::Handoff, text, reason, nowMs, buildPayload);
}

Expected<PipelineStore::Decided> PipelineStore::decide(const QString& conversationId, qint64 uptoSeq,
                                                       Kind kind, const QString& text, HandoffReason reason,
                                                       qint64 nowMs,
                                                       const ConversationStore::PayloadBuilder& buildPayload)
{
    using Result = Expected<Decided>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());

    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE messages SET decided = 1 WHERE conversation_id = ? AND decided = 0 AND seq <= ?"));
    q.addBindValue(conversationId);
    q.addBindValue(uptoSeq);
    if (!q.exec())
        return Result::failure(sqlError(q));

    Decided decided;
    // The decision was made while the bot had the conversation; a handoff or an operator's
    // takeover recorded since then wins, and the bot says nothing.
    auto conversation = m_store.conversation(conversationId);
    if (!conversation)
        return Result::failure(conversation.error());
    decided.discarded = kind != Kind::Silent && conversation->status != ConversationStatus::Bot;

    if (kind == Kind::Reply && !decided.discarded) {
        NewMessage reply;
        reply.conversationId = conversationId;
        reply.role = MessageRole::Assistant;
        reply.content = text;
        reply.nowMs = nowMs;
        reply.sendState = SendState::Pending;
        auto appended = MessageWriter(db).append(reply);
        if (!appended)
            return Result::failure(appended.error());
        if (const Status queued = MessageWriter(db).queueForSending(*appended, nowMs); !queued)
            return Result::failure(queued.error());
        decided.message = std::move(appended).value();
    } else if (kind == Kind::Handoff && !decided.discarded) {
        auto record = HandoffWriter(m_store).write(
            {conversationId, text, reason, nowMs, HandoffWriter::Message::ThroughOutbox}, buildPayload);
        if (!record)
            return Result::failure(record.error());
        decided.message = record->message;
        decided.handoff = record->event;
    }
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    if (decided.message) {
        emit m_store.messageAdded(conversationId, decided.message->id);
        emit m_store.conversationChanged(conversationId);
    }
    if (decided.handoff)
        emit m_store.handoffChanged(conversationId, decided.handoff->id);
    return decided;
}

Expected<PipelineStore::OperatorReply> PipelineStore::recordOperatorReply(const QString& conversationId,
                                                                          const QString& text,
                                                                          const QString& author, qint64 nowMs)
{
    using Result = Expected<OperatorReply>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE conversations SET status = 'operator' WHERE id = ? AND status = 'bot'"));
    q.addBindValue(conversationId);
    if (!q.exec())
        return Result::failure(sqlError(q));
    OperatorReply result;
    result.tookOver = q.numRowsAffected() > 0;

    NewMessage reply;
    reply.conversationId = conversationId;
    reply.role = MessageRole::Operator;
    reply.content = text;
    reply.nowMs = nowMs;
    reply.sendState = SendState::Pending;
    reply.author = author;
    auto appended = MessageWriter(db).append(reply);
    if (!appended)
        return Result::failure(appended.error());
    if (const Status queued = MessageWriter(db).queueForSending(*appended, nowMs); !queued)
        return Result::failure(queued.error());
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    result.message = std::move(appended).value();
    emit m_store.messageAdded(conversationId, result.message.id);
    emit m_store.conversationChanged(conversationId);
    return result;
}

Expected<Message> PipelineStore::recordNote(const QString& conversationId, const QString& text,
                                            const QString& author, qint64 nowMs)
{
    using Result = Expected<Message>;
    const QSqlDatabase db = m_store.connection();
    WriteTransaction tx(db);
    if (!tx.isActive())
        return Result::failure(tx.error());
    NewMessage note;
    note.conversationId = conversationId;
    note.role = MessageRole::Operator;
    note.kind = MessageKind::Note;
    note.content = text;
    note.nowMs = nowMs;
    note.author = author;
    // No send state and no outbox row: nothing ever sends a note.
    auto appended = MessageWriter(db).append(note);
    if (!appended)
        return Result::failure(appended.error());
    if (const Status committed = tx.commit(); !committed)
        return Result::failure(committed.error());
    emit m_store.messageAdded(conversationId, appended->id);
    return appended;
}

} // namespace zapito
