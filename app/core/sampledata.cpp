#include "sampledata.h"

#include "conversationstore.h"
#include "leadpayload.h"
#include "samplecatalog.h"
#include "writetransaction.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace zapito {

Q_LOGGING_CATEGORY(lcSamples, "zapito.samples")

namespace {

qint64 atMs(int seconds)
{
    return sample::kAnchorMs + qint64(seconds) * 1000;
}

QString utf8(const char* text)
{
    return QString::fromUtf8(text);
}

Status sqlFailure(const QSqlQuery& q)
{
    return Status::failure(q.lastError().text());
}

// A real conversation that happens to use a sample's number is never taken over: its rows
// would be deleted with the samples.
Expected<bool> isTakenByRealConversation(const ConversationStore& store, const Bot& bot,
                                         const sample::Conversation& s)
{
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM conversations WHERE bot_id = ? AND channel = ? AND external_id = "
                             "? AND is_sample = 0"));
    q.addBindValue(bot.id);
    q.addBindValue(utf8(s.channel));
    q.addBindValue(utf8(s.externalId));
    if (!q.exec())
        return Expected<bool>::failure(q.lastError().text());
    return q.next();
}

Status markAsSample(ConversationStore& store, const QString& conversationId)
{
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("UPDATE conversations SET is_sample = 1 WHERE id = ?"));
    q.addBindValue(conversationId);
    return q.exec() ? Status::ok() : sqlFailure(q);
}

Status appendLine(ConversationStore& store, const QString& conversationId, const sample::Line& line)
{
    auto appended = store.appendMessage(conversationId, line.role, utf8(line.text), atMs(line.atSeconds));
    return appended ? Status::ok() : Status::failure(appended.error());
}

// Stands in for the webhook dispatcher: no outbox row (so nothing is ever POSTed), the
// event's time as the script says, the outcome and the attempts it would have recorded.
Status writeDelivery(ConversationStore& store, qint64 eventId, const sample::Handoff& h)
{
    WriteTransaction tx(store.connection());
    if (!tx.isActive())
        return Status::failure(tx.error());
    QSqlQuery q(store.connection());
    q.prepare(QStringLiteral("DELETE FROM webhook_outbox WHERE handoff_event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec())
        return sqlFailure(q);
    q.prepare(QStringLiteral("UPDATE handoff_events SET at_ms = ?, delivery_outcome = ? WHERE id = ?"));
    q.addBindValue(atMs(h.eventAtSeconds));
    q.addBindValue(asString(h.outcome));
    q.addBindValue(eventId);
    if (!q.exec())
        return sqlFailure(q);
    for (const sample::Attempt& a : h.attempts) {
        q.prepare(QStringLiteral("INSERT INTO delivery_attempts (handoff_event_id, attempted_at_ms, "
                                 "http_status, error, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?)"));
        q.addBindValue(eventId);
        q.addBindValue(atMs(a.atSeconds));
        q.addBindValue(a.httpStatus);
        q.addBindValue(utf8(a.error));
        q.addBindValue(a.durationMs);
        q.addBindValue(utf8(a.kind));
        if (!q.exec())
            return sqlFailure(q);
    }
    return tx.commit();
}

Status writeHandoff(ConversationStore& store, const QString& conversationId, const sample::Handoff& h)
{
    // The body is built by the real builder from the real transcript; only its "at" is the
    // event's own time, which in the spec's example lies after the handoff message.
    const qint64 payloadAt = atMs(h.eventAtSeconds);
    auto record =
        store.recordHandoff(conversationId, utf8(h.message), h.reason, atMs(h.messageAtSeconds),
                            [payloadAt](const Bot& bot, const Conversation& conversation,
                                        const QList<Message>& transcript, HandoffReason reason, qint64) {
                                return buildLeadPayload(bot, conversation, transcript, reason, payloadAt);
                            });
    if (!record)
        return Status::failure(record.error());
    if (Status delivered = writeDelivery(store, record->event.id, h); !delivered)
        return delivered;

    for (const sample::Line& line : h.after) {
        if (h.resolvedAtSeconds && line.atSeconds > *h.resolvedAtSeconds)
            continue;
        if (Status s = appendLine(store, conversationId, line); !s)
            return s;
    }
    if (!h.resolvedAtSeconds)
        return Status::ok();
    auto resolved = store.resolve(conversationId, QStringLiteral("Carla"), atMs(*h.resolvedAtSeconds));
    if (!resolved)
        return Status::failure(resolved.error());
    for (const sample::Line& line : h.after) {
        if (line.atSeconds <= *h.resolvedAtSeconds)
            continue;
        if (Status s = appendLine(store, conversationId, line); !s)
            return s;
    }
    return Status::ok();
}

Status writeConversation(ConversationStore& store, const Bot& bot, const sample::Conversation& s,
                         QStringList& written)
{
    const qint64 startMs = atMs(s.before.isEmpty() ? 0 : s.before.first().atSeconds);
    auto conversation =
        store.upsertConversation(bot.id, utf8(s.channel), utf8(s.externalId), utf8(s.contactName), startMs);
    if (!conversation)
        return Status::failure(conversation.error());
    written << conversation->id;
    // Marked before anything else is written, so a failure half-way is still cleaned up.
    if (Status marked = markAsSample(store, conversation->id); !marked)
        return marked;
    for (const sample::Line& line : s.before) {
        if (Status appended = appendLine(store, conversation->id, line); !appended)
            return appended;
    }
    if (s.handoff) {
        if (Status handed = writeHandoff(store, conversation->id, *s.handoff); !handed)
            return handed;
    }
    if (s.read)
        return store.markRead(conversation->id);
    return Status::ok();
}

} // namespace

bool hasSampleConversations(const ConversationStore& store)
{
    QSqlQuery q(store.connection());
    if (!q.exec(QStringLiteral("SELECT 1 FROM conversations WHERE is_sample = 1 LIMIT 1"))) {
        qCWarning(lcSamples) << "cannot look for sample conversations:" << q.lastError().text();
        return false;
    }
    return q.next();
}

Status loadSampleConversations(ConversationStore& store, const Bot& bot)
{
    if (hasSampleConversations(store))
        return Status::ok();

    QStringList written;
    for (const sample::Conversation& s : sample::catalog()) {
        auto taken = isTakenByRealConversation(store, bot, s);
        if (!taken)
            return Status::failure(taken.error());
        if (*taken) {
            qCInfo(lcSamples) << "a real conversation uses a sample's number; that sample is left out";
            continue;
        }
        if (Status ok = writeConversation(store, bot, s, written); !ok) {
            qCWarning(lcSamples) << "loading the sample conversations failed:" << ok.error();
            // Leave nothing half-loaded behind.
            (void)removeSampleConversations(store);
            return ok;
        }
    }
    // The rows changed again after the store announced them (is_sample, delivery outcome).
    for (const QString& id : std::as_const(written))
        emit store.conversationChanged(id);
    qCDebug(lcSamples) << "loaded" << written.size() << "sample conversations";
    return Status::ok();
}

Status removeSampleConversations(ConversationStore& store)
{
    QStringList removed;
    {
        WriteTransaction tx(store.connection());
        if (!tx.isActive())
            return Status::failure(tx.error());
        QSqlQuery q(store.connection());
        if (!q.exec(QStringLiteral("SELECT id FROM conversations WHERE is_sample = 1")))
            return sqlFailure(q);
        while (q.next())
            removed << q.value(0).toString();
        q.finish();
        // Messages, handoff events, outbox rows and delivery attempts go with them (ON DELETE CASCADE).
        if (!q.exec(QStringLiteral("DELETE FROM conversations WHERE is_sample = 1")))
            return sqlFailure(q);
        if (Status committed = tx.commit(); !committed)
            return committed;
    }
    for (const QString& id : std::as_const(removed))
        emit store.conversationChanged(id);
    qCDebug(lcSamples) << "removed" << removed.size() << "sample conversations";
    return Status::ok();
}

} // namespace zapito
