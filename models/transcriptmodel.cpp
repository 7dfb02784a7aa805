// SPDX-License-Identifier: Apache-2.0
#include "transcriptmodel.h"

#include "inboxroles.h"

#include <QLoggingCategory>
#include <QScopedValueRollback>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

Q_LOGGING_CATEGORY(lcTranscript, "zapito.models.transcript")

namespace zapito {

TranscriptModel::TranscriptModel(ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(&m_store, &ConversationStore::messageAdded, this, &TranscriptModel::onMessageAdded);
    connect(&m_store, &ConversationStore::handoffChanged, this, &TranscriptModel::onHandoffChanged);
    connect(&m_store, &ConversationStore::messageChanged, this, &TranscriptModel::onMessageChanged);
}

void TranscriptModel::setConversation(const QString& conversationId)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_conversationId = conversationId;
    m_rows.clear();
    m_handoffs.clear();
    m_hasOlder = false;
    if (!conversationId.isEmpty()) {
        auto newest = m_store.lastMessages(conversationId, m_pageSize);
        if (newest) {
            m_rows = *newest;
            m_hasOlder = m_rows.size() == m_pageSize;
            m_handoffs = readHandoffs();
        } else {
            fail(newest.error());
        }
    }
    endResetModel();
    emit loaded();
}

void TranscriptModel::requestDeliveryAttempts(qint64 handoffEventId)
{
    auto attempts = deliveryAttempts(handoffEventId);
    if (!attempts) {
        fail(attempts.error());
        return;
    }
    emit deliveryAttemptsRead(handoffEventId, *attempts);
}

void TranscriptModel::refreshHandoffs()
{
    if (m_conversationId.isEmpty())
        return;
    const QHash<qint64, HandoffInfo> fresh = readHandoffs();
    const QHash<qint64, HandoffInfo> old = std::exchange(m_handoffs, fresh);
    for (int row = 0; row < m_rows.size(); ++row) {
        const qint64 id = m_rows.at(row).id;
        if (old.value(id) == fresh.value(id) && old.contains(id) == fresh.contains(id))
            continue;
        const QModelIndex changed = index(row);
        emit dataChanged(changed, changed);
    }
}

int TranscriptModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant TranscriptModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message& m = m_rows.at(index.row());
    using namespace TranscriptRoles;
    const auto handoff = m_handoffs.constFind(m.id);
    const bool hasHandoff = handoff != m_handoffs.cend();
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case MessageIdRole:
        return m.id;
    case RoleRole:
        return QVariant::fromValue(m.role);
    case AtMsRole:
        return m.atMs;
    case HandoffEventIdRole:
        return hasHandoff ? handoff->event.id : qint64(0);
    case HandoffReasonRole:
        return hasHandoff ? QVariant::fromValue(handoff->event.reason) : QVariant();
    case DeliveryOutcomeRole:
        return hasHandoff ? QVariant::fromValue(handoff->event.deliveryOutcome) : QVariant();
    case DeliveryAttemptCountRole:
        return hasHandoff ? handoff->attempts : 0;
    case HandoffResolvedAtMsRole:
        return hasHandoff ? handoff->event.resolvedAtMs.value_or(0) : qint64(0);
    case HandoffResolvedByRole:
        return hasHandoff ? handoff->event.resolvedBy : QString();
    case SendStateRole:
        return QVariant::fromValue(m.sendState);
    case SendErrorRole:
        return m.sendError;
    case AuthorRole:
        return m.author;
    case SeqRole:
        return m.seq;
    default:
        return {};
    }
}

QHash<int, QByteArray> TranscriptModel::roleNames() const
{
    using namespace TranscriptRoles;
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{MessageIdRole, "messageId"},
                  {RoleRole, "role"},
                  {ContentRole, "content"},
                  {AtMsRole, "atMs"},
                  {HandoffEventIdRole, "handoffEventId"},
                  {HandoffReasonRole, "handoffReason"},
                  {DeliveryOutcomeRole, "deliveryOutcome"},
                  {DeliveryAttemptCountRole, "deliveryAttemptCount"},
                  {HandoffResolvedAtMsRole, "handoffResolvedAtMs"},
                  {HandoffResolvedByRole, "handoffResolvedBy"},
                  {SendStateRole, "sendState"},
                  {SendErrorRole, "sendError"},
                  {AuthorRole, "author"},
                  {SeqRole, "seq"}});
    return names;
}

bool TranscriptModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasOlder;
}

void TranscriptModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || !m_hasOlder || m_rows.isEmpty())
        return;
    if (m_changing) // re-entered from a view's or tester's reaction to our own change signals
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    auto older = olderThan(m_rows.constFirst().seq, m_pageSize);
    if (!older) {
        m_hasOlder = false;
        fail(older.error());
        return;
    }
    m_hasOlder = older->size() == m_pageSize;
    if (older->isEmpty())
        return;
    beginInsertRows({}, 0, int(older->size() - 1));
    m_rows = *older + m_rows;
    endInsertRows();
}

void TranscriptModel::onMessageAdded(const QString& conversationId, qint64)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    if (conversationId != m_conversationId)
        return;
    // Catch up by sequence, not by id: ids need not commit in order, sequences of one
    // conversation do.
    const qint64 lastSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().seq;
    auto newer = m_store.messages(conversationId, lastSeq, 1000);
    if (!newer) {
        fail(newer.error());
        return;
    }
    if (newer->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + newer->size() - 1));
    m_rows.append(*newer);
    endInsertRows();
}

void TranscriptModel::onMessageChanged(const QString& conversationId, qint64 messageId)
{
    if (conversationId != m_conversationId)
        return;
    // Only the newest rows change (sends settle in order), so look from the end.
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (m_rows.at(row).id != messageId)
            continue;
        auto fresh = m_store.message(messageId);
        if (!fresh) {
            fail(fresh.error());
            return;
        }
        m_rows[row] = std::move(fresh).value();
        const QModelIndex changed = index(int(row));
        emit dataChanged(changed, changed);
        return;
    }
}

void TranscriptModel::onHandoffChanged(const QString& conversationId, qint64)
{
    if (conversationId == m_conversationId)
        refreshHandoffs();
}

QHash<qint64, TranscriptModel::HandoffInfo> TranscriptModel::readHandoffs() const
{
    QHash<qint64, HandoffInfo> byMessage;
    QSqlQuery q(m_store.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kHandoffEventColumns) +
              QLatin1String(", (SELECT COUNT(*) FROM delivery_attempts a WHERE a.handoff_event_id = "
                            "handoff_events.id) FROM handoff_events WHERE conversation_id = ? ORDER BY id"));
    q.addBindValue(m_conversationId);
    if (!q.exec()) {
        qCWarning(lcTranscript) << q.lastError().text();
        return byMessage;
    }
    while (q.next()) {
        const QSqlRecord record = q.record();
        HandoffInfo info{handoffEventFromRecord(record),
                         record.value(record.count() - 1).toInt()}; // the count follows the event's columns
        if (info.event.messageId != 0)
            byMessage.insert(info.event.messageId, info);
    }
    return byMessage;
}

Expected<QList<Message>> TranscriptModel::olderThan(qint64 seq, int limit) const
{
    QSqlQuery q(m_store.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT ") + QLatin1String(kMessageColumns) +
        QLatin1String(" FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?"));
    q.addBindValue(m_conversationId);
    q.addBindValue(seq);
    q.addBindValue(limit);
    if (!q.exec())
        return Expected<QList<Message>>::failure(q.lastError().text());
    QList<Message> list;
    while (q.next())
        list.prepend(messageFromRecord(q.record()));
    return list;
}

Expected<QList<DeliveryAttempt>> TranscriptModel::deliveryAttempts(qint64 handoffEventId) const
{
    QSqlQuery q(m_store.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, handoff_event_id, attempted_at_ms, http_status, error, duration_ms, "
                             "kind FROM delivery_attempts WHERE handoff_event_id = ? ORDER BY id"));
    q.addBindValue(handoffEventId);
    if (!q.exec())
        return Expected<QList<DeliveryAttempt>>::failure(q.lastError().text());
    QList<DeliveryAttempt> attempts;
    while (q.next())
        attempts.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         q.value(3).toInt(), q.value(4).toString(), q.value(5).toLongLong(),
                         q.value(6).toString()});
    return attempts;
}

void TranscriptModel::fail(const QString& message)
{
    qCWarning(lcTranscript) << message;
    emit errorOccurred(message);
}

} // namespace zapito
