// SPDX-License-Identifier: Apache-2.0
#include "conversationlistmodel.h"

#include "contacttitle.h"
#include "inboxroles.h"

#include <QLoggingCategory>
#include <QScopedValueRollback>

Q_LOGGING_CATEGORY(lcListModel, "zapito.models.list")

namespace zapito {

namespace {
// Newest first; equal times by id, descending, exactly as the SQL orders them.
bool comesBefore(const Conversation& a, const Conversation& b)
{
    if (a.lastActivityMs != b.lastActivityMs)
        return a.lastActivityMs > b.lastActivityMs;
    return a.id > b.id;
}
} // namespace

ConversationListModel::ConversationListModel(ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_query(store.connection())
{
    connect(&m_store, &ConversationStore::conversationChanged, this,
            &ConversationListModel::onConversationChanged);
    refreshCounts();
    loadPage();
}

bool ConversationListModel::setFilter(const ConversationFilter& filter)
{
    if (filter == m_filter)
        return false;
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_atEnd = false;
    loadPage();
    endResetModel();
    return true;
}

void ConversationListModel::setNeedsHumanOnly(bool on)
{
    ConversationFilter f = m_filter;
    f.needsHumanOnly = on;
    setFilter(f);
}

void ConversationListModel::setSearch(const QString& text)
{
    ConversationFilter f = m_filter;
    f.search = text.simplified();
    setFilter(f);
}

void ConversationListModel::reload()
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    loadPage();
    endResetModel();
    refreshCounts();
}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation& c = m_rows.at(index.row());
    using namespace ConversationRoles;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return contactTitle(c);
    case Qt::ToolTipRole:
        return QString(contactTitle(c) + u'\n' + c.lastMessagePreview);
    case IdRole:
        return c.id;
    case ChannelRole:
        return c.channel;
    case ContactNameRole:
        return c.contactName;
    case LastMessageRole:
        return c.lastMessagePreview;
    case LastActivityMsRole:
        return c.lastActivityMs;
    case UnreadCountRole:
        return c.unreadCount;
    case NeedsHumanRole:
        return c.status == ConversationStatus::Handoff;
    case HandoffReasonRole:
        if (c.status == ConversationStatus::Handoff && c.openHandoffReason)
            return QVariant::fromValue(*c.openHandoffReason);
        return {};
    case HandoffReasonTextRole:
        if (c.status == ConversationStatus::Handoff)
            return handoffReasonText(c.openHandoffReason.value_or(HandoffReason::Handoff));
        return QString();
    case StatusRole:
        return QVariant::fromValue(c.status);
    case IsSampleRole:
        return c.isSample;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    using namespace ConversationRoles;
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "conversationId"},
                  {ChannelRole, "channel"},
                  {ContactNameRole, "contactName"},
                  {TitleRole, "title"},
                  {LastMessageRole, "lastMessage"},
                  {LastActivityMsRole, "lastActivityMs"},
                  {UnreadCountRole, "unreadCount"},
                  {NeedsHumanRole, "needsHuman"},
                  {HandoffReasonRole, "handoffReason"},
                  {HandoffReasonTextRole, "handoffReasonText"},
                  {IsSampleRole, "isSample"},
                  {StatusRole, "status"}});
    return names;
}

bool ConversationListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void ConversationListModel::fetchMore(const QModelIndex& parent)
{
    // Views and QAbstractItemModelTester call fetchMore() from inside the model's own change
    // signals; a nested page would interleave two inserts.
    if (parent.isValid() || m_atEnd || m_changing)
        return;
    const QScopedValueRollback<bool> changing(m_changing, true);
    loadPage();
}

void ConversationListModel::loadPage()
{
    std::optional<PageCursor> after;
    if (!m_rows.isEmpty())
        after = PageCursor{m_rows.constLast().lastActivityMs, m_rows.constLast().id};
    auto page = m_query.page(m_filter, m_pageSize, after);
    if (!page) {
        m_atEnd = true;
        fail(page.error());
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    if (page->isEmpty()) {
        emit pageLoaded();
        return;
    }
    // During a reset the caller has already announced the change; otherwise append rows.
    const bool appending = !m_rows.isEmpty();
    if (appending)
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size() - 1));
    m_rows.append(*page);
    if (appending)
        endInsertRows();
    emit pageLoaded();
}

int ConversationListModel::rowOf(const QString& conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == conversationId)
            return i;
    return -1;
}

int ConversationListModel::insertPosition(const Conversation& c, int skipRow) const
{
    int position = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i == skipRow)
            continue;
        if (comesBefore(m_rows.at(i), c))
            ++position;
        else
            break;
    }
    return position;
}

void ConversationListModel::onConversationChanged(const QString& conversationId)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    const int row = rowOf(conversationId);
    auto found = m_query.matching(m_filter, conversationId);
    if (!found) {
        fail(found.error());
        return;
    }
    // The totals move only when a conversation appears or changes status; counting 100k rows
    // again for every message would cost more than the rest of the update.
    const bool countsMayChange = row < 0 || !found->has_value() || (*found)->status != m_rows.at(row).status;
    if (countsMayChange)
        refreshCounts();

    if (!found->has_value()) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    const Conversation& c = **found;
    if (row < 0) {
        const int position = insertPosition(c, -1);
        // Older than everything loaded while more pages wait: paging will bring it in order.
        if (position == m_rows.size() && !m_atEnd)
            return;
        beginInsertRows({}, position, position);
        m_rows.insert(position, c);
        endInsertRows();
        return;
    }

    const int target = insertPosition(c, row); // index among the other rows
    if (target != row) {
        // beginMoveRows wants the destination as it is before the move.
        const int destination = target > row ? target + 1 : target;
        beginMoveRows({}, row, row, {}, destination);
        m_rows.move(row, target);
        endMoveRows();
    }
    m_rows[target] = c;
    const QModelIndex changed = index(target);
    emit dataChanged(changed, changed);
}

void ConversationListModel::refreshCounts()
{
    auto counts = m_store.counts();
    if (!counts) {
        fail(counts.error());
        return;
    }
    if (counts->all == m_counts.all && counts->needsHuman == m_counts.needsHuman)
        return;
    m_counts = *counts;
    emit countsChanged(m_counts.all, m_counts.needsHuman);
}

void ConversationListModel::fail(const QString& message)
{
    qCWarning(lcListModel) << message;
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace zapito
