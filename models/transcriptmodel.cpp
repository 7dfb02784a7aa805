// SPDX-License-Identifier: Apache-2.0
#include "transcriptmodel.h"

#include "inboxroles.h"
#include "storequeries.h"
#include "storereader.h"

#include <QLoggingCategory>

#include <limits>

Q_LOGGING_CATEGORY(lcTranscript, "zapito.models.transcript")

namespace zapito {

TranscriptModel::TranscriptModel(ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_reader(store.reader())
    , m_lanePrefix(QStringLiteral("transcript-%1-").arg(quintptr(this), 0, 16))
{
    connect(&m_store, &ConversationStore::messageAdded, this, &TranscriptModel::onMessageAdded);
    connect(&m_store, &ConversationStore::handoffChanged, this, &TranscriptModel::onHandoffChanged);
    connect(&m_store, &ConversationStore::messageChanged, this, &TranscriptModel::onMessageChanged);
}

namespace {
struct Opened
{
    Expected<QList<Message>> newest;
    Expected<QHash<qint64, StoreQueries::HandoffInfo>> handoffs;
};
} // namespace

void TranscriptModel::setConversation(const QString& conversationId)
{
    ++m_generation;
    m_conversationId = conversationId;
    m_fetchingOlder = false;
    if (conversationId.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        m_handoffs.clear();
        m_hasOlder = false;
        endResetModel();
        m_loading = false;
        emit loaded();
        return;
    }
    // The previous conversation stays on screen until this one's newest page is there.
    m_loading = true;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader.read<std::shared_ptr<Opened>>(
        this, m_lanePrefix + QLatin1String("open"),
        [conversationId, limit](const QSqlDatabase& db) {
            return std::make_shared<Opened>(Opened{StoreQueries::lastMessages(db, conversationId, limit),
                                                   StoreQueries::handoffsByMessage(db, conversationId)});
        },
        [this, generation, limit](std::shared_ptr<Opened> opened) {
            if (generation != m_generation)
                return;
            m_loading = false;
            beginResetModel();
            m_rows.clear();
            m_handoffs.clear();
            m_hasOlder = false;
            if (opened->newest) {
                m_rows = std::move(opened->newest).value();
                m_hasOlder = m_rows.size() == limit;
            } else {
                fail(opened->newest.error());
            }
            if (opened->handoffs)
                m_handoffs = std::move(opened->handoffs).value();
            else
                fail(opened->handoffs.error());
            endResetModel();
            emit loaded();
        });
}

void TranscriptModel::requestDeliveryAttempts(qint64 handoffEventId)
{
    m_reader.read<Expected<QList<DeliveryAttempt>>>(
        this, m_lanePrefix + QLatin1String("attempts-") + QString::number(handoffEventId),
        [handoffEventId](const QSqlDatabase& db) {
            return StoreQueries::deliveryAttempts(db, handoffEventId);
        },
        [this, handoffEventId](Expected<QList<DeliveryAttempt>> attempts) {
            if (!attempts) {
                fail(attempts.error());
                return;
            }
            emit deliveryAttemptsRead(handoffEventId, *attempts);
        });
}

void TranscriptModel::refreshHandoffs()
{
    if (m_conversationId.isEmpty())
        return;
    const QString conversationId = m_conversationId;
    const quint64 generation = m_generation;
    m_reader.read<Expected<QHash<qint64, HandoffInfo>>>(
        this, m_lanePrefix + QLatin1String("handoffs"),
        [conversationId](const QSqlDatabase& db) {
            return StoreQueries::handoffsByMessage(db, conversationId);
        },
        [this, generation](Expected<QHash<qint64, HandoffInfo>> fresh) {
            if (generation != m_generation || m_loading)
                return; // the page being opened brings its own
            if (!fresh) {
                fail(fresh.error());
                return;
            }
            const QHash<qint64, HandoffInfo> old = std::exchange(m_handoffs, std::move(fresh).value());
            for (int row = 0; row < m_rows.size(); ++row) {
                const qint64 id = m_rows.at(row).id;
                if (old.value(id) == m_handoffs.value(id) && old.contains(id) == m_handoffs.contains(id))
                    continue;
                const QModelIndex changed = index(row);
                emit dataChanged(changed, changed);
            }
        });
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
    case IsNoteRole:
        return m.isNote();
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
                  {SeqRole, "seq"},
                  {IsNoteRole, "isNote"}});
    return names;
}

bool TranscriptModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasOlder && !m_loading;
}

void TranscriptModel::fetchMore(const QModelIndex& parent)
{
    // Views ask again while a page is on its way; one at a time keeps pages in order.
    if (!canFetchMore(parent) || m_fetchingOlder || m_rows.isEmpty())
        return;
    m_fetchingOlder = true;
    const QString conversationId = m_conversationId;
    const qint64 beforeSeq = m_rows.constFirst().seq;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader.read<Expected<QList<Message>>>(
        this, m_lanePrefix + QLatin1String("older"),
        [conversationId, beforeSeq, limit](const QSqlDatabase& db) {
            return StoreQueries::messagesBefore(db, conversationId, beforeSeq, limit);
        },
        [this, generation, limit](Expected<QList<Message>> older) {
            if (generation != m_generation)
                return;
            m_fetchingOlder = false;
            if (!older) {
                m_hasOlder = false;
                fail(older.error());
                return;
            }
            m_hasOlder = older->size() == limit;
            // Only what is still older than the first row (an arrival may have reset the rows).
            const qint64 firstSeq =
                m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.constFirst().seq;
            QList<Message> rows;
            for (const Message& m : *older)
                if (m.seq < firstSeq)
                    rows.append(m);
            if (rows.isEmpty())
                return;
            beginInsertRows({}, 0, int(rows.size() - 1));
            m_rows = rows + m_rows;
            endInsertRows();
        });
}

void TranscriptModel::onMessageAdded(const QString& conversationId, qint64)
{
    if (conversationId != m_conversationId)
        return;
    // Catch up by sequence, not by id: ids need not commit in order, sequences of one
    // conversation do. While the newest page is still on its way, read that page again: it
    // may have been read before this message committed.
    const bool opening = m_loading;
    const qint64 lastSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().seq;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader.read<Expected<QList<Message>>>(
        this, QString(),
        [conversationId, opening, lastSeq, limit](const QSqlDatabase& db) {
            return opening ? StoreQueries::lastMessages(db, conversationId, limit)
                           : StoreQueries::messagesAfter(db, conversationId, lastSeq, 1000);
        },
        [this, generation](Expected<QList<Message>> newer) {
            if (generation != m_generation)
                return;
            if (!newer) {
                fail(newer.error());
                return;
            }
            appendNewer(std::move(newer).value());
        });
}

void TranscriptModel::appendNewer(QList<Message> newer)
{
    const qint64 lastSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().seq;
    QList<Message> rows;
    for (Message& m : newer)
        if (m.seq > lastSeq)
            rows.append(std::move(m));
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

void TranscriptModel::onMessageChanged(const QString& conversationId, qint64 messageId)
{
    if (conversationId != m_conversationId)
        return;
    const quint64 generation = m_generation;
    m_reader.read<Expected<Message>>(
        this, m_lanePrefix + QLatin1String("message-") + QString::number(messageId),
        [messageId](const QSqlDatabase& db) { return StoreQueries::message(db, messageId); },
        [this, generation, messageId](Expected<Message> fresh) {
            if (generation != m_generation)
                return;
            if (!fresh) {
                fail(fresh.error());
                return;
            }
            // Only the newest rows change (sends settle in order), so look from the end.
            for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
                if (m_rows.at(row).id != messageId)
                    continue;
                m_rows[row] = std::move(fresh).value();
                const QModelIndex changed = index(int(row));
                emit dataChanged(changed, changed);
                return;
            }
        });
}

void TranscriptModel::onHandoffChanged(const QString& conversationId, qint64)
{
    if (conversationId == m_conversationId)
        refreshHandoffs();
}

void TranscriptModel::fail(const QString& message)
{
    qCWarning(lcTranscript) << message;
    emit errorOccurred(message);
}

} // namespace zapito
