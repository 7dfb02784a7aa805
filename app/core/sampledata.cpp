// SPDX-License-Identifier: Apache-2.0
#include "sampledata.h"

#include "conversationstore.h"
#include "leadpayload.h"
#include "samplecatalog.h"
#include "samplestore.h"

#include <QLoggingCategory>

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

Status appendLine(ConversationStore& store, const QString& conversationId, const sample::Line& line)
{
    auto appended = store.appendMessage(conversationId, line.role, utf8(line.text), atMs(line.atSeconds));
    return appended ? Status::ok() : Status::failure(appended.error());
}

// Stands in for the webhook dispatcher: no outbox row (so nothing is ever POSTed), the
// event's time as the script says, the outcome and the attempts it would have recorded.
Status writeDelivery(ConversationStore& store, qint64 eventId, const sample::Handoff& h)
{
    QList<DeliveryAttempt> attempts;
    for (const sample::Attempt& a : h.attempts) {
        DeliveryAttempt attempt;
        attempt.handoffEventId = eventId;
        attempt.attemptedAtMs = atMs(a.atSeconds);
        attempt.httpStatus = a.httpStatus;
        attempt.error = utf8(a.error);
        attempt.durationMs = a.durationMs;
        attempt.kind = utf8(a.kind);
        attempts.append(attempt);
    }
    return SampleStore(store).settleDelivery(eventId, atMs(h.eventAtSeconds), h.outcome, attempts);
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
    if (Status marked = SampleStore(store).markAsSample(conversation->id); !marked)
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
    const auto has = SampleStore(store).hasSamples();
    if (!has) {
        qCWarning(lcSamples) << "cannot look for sample conversations:" << has.error();
        return false;
    }
    return *has;
}

Status loadSampleConversations(ConversationStore& store, const Bot& bot)
{
    if (hasSampleConversations(store))
        return Status::ok();

    QStringList written;
    for (const sample::Conversation& s : sample::catalog()) {
        auto taken =
            SampleStore(store).isTakenByRealConversation(bot.id, utf8(s.channel), utf8(s.externalId));
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
    const auto removed = SampleStore(store).removeSamples();
    if (!removed)
        return Status::failure(removed.error());
    for (const QString& id : *removed)
        emit store.conversationChanged(id);
    qCDebug(lcSamples) << "removed" << removed->size() << "sample conversations";
    return Status::ok();
}

} // namespace zapito
