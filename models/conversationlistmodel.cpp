// SPDX-License-Identifier: Apache-2.0
#include "conversationlistmodel.h"

#include "contacttitle.h"
#include "conversationlistquery.h"
#include "inboxroles.h"
#include "storereader.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcListModel, "zapito.models.list")

namespace zapito {

ConversationListModel::ConversationListModel(ConversationStore& store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_reader(store.reader())
    , m_lanePrefix(QStringLiteral("list-%1-").arg(quintptr(this), 0, 16))
{
    connect(&m_store, &ConversationStore::conversationChanged, this,
            &ConversationListModel::onConversationChanged);
    requestCounts();
    requestFirstPage();
}

bool ConversationListModel::setFilter(const ConversationFilter& filter)
{
    if (filter == m_filter)
        return false;
    const bool searchChanged = filter.search != m_filter.search;
    m_filter = filter;
    requestFirstPage();
    if (searchChanged)
        requestSearchCounts();
    return true;
}

const ConversationListModel::SearchCount& ConversationListModel::searchCountOf(const SearchCounts& counts,
                                                                               InboxView view)
{
    return counts.at(std::size_t(view));
}

void ConversationListModel::setNeedsHumanOnly(bool on)
{
    setView(on ? InboxView::NeedsHuman : InboxView::All);
}

void ConversationListModel::setView(InboxView view)
{
    ConversationFilter f = m_filter;
    f.view = view;
    setFilter(f);
}

void ConversationListModel::setOpenConversationId(const QString& conversationId)
{
    if (conversationId == m_openConversationId)
        return;
    const QString before = std::exchange(m_openConversationId, conversationId);
    for (const QString& id : {before, conversationId}) {
        if (const int row = rowOf(id); row >= 0)
            emit dataChanged(index(row), index(row), {ConversationRoles::UnreadCountRole});
    }
}

void ConversationListModel::setPresence(const Presence& presence)
{
    const QStringList changed = Presence::changedBetween(m_presence, presence);
    m_presence = presence;
    for (const QString& id : changed) {
        if (const int row = rowOf(id); row >= 0)
            emit dataChanged(index(row), index(row),
                             {ConversationRoles::PresenceRole, ConversationRoles::PresenceTextRole});
    }
}

void ConversationListModel::setOperatorName(const QString& name)
{
    if (name == m_filter.me)
        return;
    ConversationFilter f = m_filter;
    f.me = name;
    // Only Mine's rows depend on the name; its count does in every view.
    if (f.view == InboxView::Mine)
        setFilter(f);
    else
        m_filter = f;
    requestCounts();
    requestSearchCounts();
}

void ConversationListModel::setSearch(const QString& text)
{
    ConversationFilter f = m_filter;
    f.search = text.simplified();
    setFilter(f);
}

void ConversationListModel::reload()
{
    requestFirstPage();
    requestCounts();
    requestSearchCounts();
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
        return c.id == m_openConversationId ? 0 : c.unreadCount;
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
    case SearchSnippetRole:
        return c.matchSnippet;
    case AssigneeRole:
        return c.assignee;
    case HandoffAtMsRole:
        return c.status == ConversationStatus::Handoff && c.handoffAtMs ? QVariant(*c.handoffAtMs)
                                                                        : QVariant();
    case IsResolvedRole:
        return isResolved(c);
    case ResolvedByRole:
        return isResolved(c) ? c.resolvedBy : QString();
    case ResolvedAtMsRole:
        return isResolved(c) ? QVariant(*c.resolvedAtMs) : QVariant();
    case PresenceRole:
        return QVariant::fromValue(m_presence.of(c.id));
    case PresenceTextRole:
        return presenceText(m_presence.of(c.id));
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
                  {StatusRole, "status"},
                  {AssigneeRole, "assignee"},
                  {HandoffAtMsRole, "handoffAtMs"},
                  {IsResolvedRole, "isResolved"},
                  {PresenceTextRole, "presence"}});
    return names;
}

bool ConversationListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void ConversationListModel::fetchMore(const QModelIndex& parent)
{
    // Views ask again while a page is on its way; one at a time keeps pages in order.
    if (!canFetchMore(parent) || m_fetchingMore || m_rows.isEmpty())
        return;
    m_fetchingMore = true;
    const PageCursor after = PageCursor::after(m_rows.constLast());
    const ConversationFilter filter = m_filter;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader.read<Expected<QList<Conversation>>>(
        this, m_lanePrefix + QLatin1String("more"),
        [filter, limit, after](const QSqlDatabase& db) {
            return ConversationListQuery(db).page(filter, limit, after);
        },
        [this, generation](Expected<QList<Conversation>> page) {
            if (generation != m_generation)
                return;
            m_fetchingMore = false;
            appendPage(std::move(page));
        });
}

void ConversationListModel::requestFirstPage()
{
    // The rows of the previous filter stay on screen until the new page is there: no flash of
    // an empty list, and a result for a superseded filter is never shown.
    ++m_generation;
    m_loading = true;
    m_fetchingMore = false;
    const ConversationFilter filter = m_filter;
    const int limit = m_pageSize;
    const quint64 generation = m_generation;
    m_reader.read<Expected<QList<Conversation>>>(
        this, m_lanePrefix + QLatin1String("page"),
        [filter, limit](const QSqlDatabase& db) { return ConversationListQuery(db).page(filter, limit); },
        [this, generation](Expected<QList<Conversation>> page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            beginResetModel();
            m_rows.clear();
            m_atEnd = false;
            if (page) {
                m_atEnd = page->size() < m_pageSize;
                m_rows = std::move(page).value();
            } else {
                m_atEnd = true;
                fail(page.error());
            }
            endResetModel();
            emit pageLoaded();
        });
}

void ConversationListModel::appendPage(Expected<QList<Conversation>> page)
{
    if (!page) {
        m_atEnd = true;
        fail(page.error());
        emit pageLoaded();
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    // A live change may already have placed one of these rows.
    QList<Conversation> fresh;
    for (const Conversation& c : *page)
        if (rowOf(c.id) < 0)
            fresh.append(c);
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
        m_rows.append(fresh);
        endInsertRows();
    }
    emit pageLoaded();
}

void ConversationListModel::askListed(const QString& conversationId, QObject* receiver,
                                      std::function<void(bool)> answer)
{
    const ConversationFilter filter = m_filter;
    const quint64 generation = m_generation;
    m_reader.read<Expected<std::optional<Conversation>>>(
        receiver, m_lanePrefix + QLatin1String("listed"),
        [filter, conversationId](const QSqlDatabase& db) {
            return ConversationListQuery(db).matching(filter, conversationId);
        },
        [this, generation, answer = std::move(answer)](Expected<std::optional<Conversation>> found) {
            if (generation != m_generation)
                return;
            // A failed read says nothing against the conversation: it stays.
            answer(!found || found->has_value());
        });
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
        if (ConversationListQuery::comesBefore(m_filter.view, m_rows.at(i), c))
            ++position;
        else
            break;
    }
    return position;
}

void ConversationListModel::onConversationChanged(const QString& conversationId)
{
    // The newest state of this one conversation under the current filter; an older read of it
    // still queued is pointless. The totals are kept by the store, a read of four rows.
    const ConversationFilter filter = m_filter;
    const quint64 generation = m_generation;
    m_reader.read<Expected<std::optional<Conversation>>>(
        this, m_lanePrefix + QLatin1String("row-") + conversationId,
        [filter, conversationId](const QSqlDatabase& db) {
            return ConversationListQuery(db).matching(filter, conversationId);
        },
        [this, generation, conversationId](Expected<std::optional<Conversation>> found) {
            if (generation != m_generation)
                return;
            if (!found) {
                fail(found.error());
                return;
            }
            place(conversationId, *found);
        });
    requestCounts();
    requestSearchCounts();
}

void ConversationListModel::place(const QString& conversationId, const std::optional<Conversation>& found)
{
    const int row = rowOf(conversationId);
    if (!found) {
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
        return;
    }
    const Conversation& c = *found;
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

void ConversationListModel::requestCounts()
{
    // Six kept rows, read in order and never dropped for a newer read still to come: the counts
    // shown are those of the last read that arrived.
    const QString me = m_filter.me;
    m_reader.read<Expected<ConversationStore::Counts>>(
        this, QString(), [me](const QSqlDatabase& db) { return StoreQueries::counts(db, me); },
        [this](Expected<ConversationStore::Counts> counts) {
            if (!counts) {
                fail(counts.error());
                return;
            }
            if (*counts == m_counts)
                return;
            m_counts = *counts;
            emit countsChanged(m_counts.all, m_counts.needsHuman);
        });
}

void ConversationListModel::requestSearchCounts()
{
    if (m_filter.search.isEmpty()) {
        // The kept totals apply at once; a count still on its way is dropped when it arrives.
        if (m_searchCounts) {
            m_searchCounts.reset();
            emit searchCountsChanged();
        }
        return;
    }
    // Each view's search read once, cut one row past the cap: bounded by the cap whatever the
    // inbox holds, and inside the search's own windows, so never more than it could list.
    const ConversationFilter filter = m_filter;
    const int cap = m_searchCountCap;
    m_reader.read<Expected<SearchCounts>>(
        this, m_lanePrefix + QLatin1String("search-counts"),
        [filter, cap](const QSqlDatabase& db) -> Expected<SearchCounts> {
            SearchCounts counts;
            const ConversationListQuery query(db);
            for (const InboxView view : {InboxView::All, InboxView::NeedsHuman, InboxView::Mine,
                                         InboxView::Bot, InboxView::Resolved}) {
                ConversationFilter f = filter;
                f.view = view;
                auto page = query.page(f, cap + 1);
                if (!page)
                    return Expected<SearchCounts>::failure(page.error());
                const int found = int(page->size());
                counts[std::size_t(view)] = {qMin(found, cap), found > cap};
            }
            return counts;
        },
        [this, search = filter.search, me = filter.me](Expected<SearchCounts> counts) {
            if (search != m_filter.search || me != m_filter.me)
                return; // a count of a search (or seat) no longer shown
            if (!counts) {
                fail(counts.error());
                return;
            }
            if (m_searchCounts == *counts)
                return;
            m_searchCounts = *counts;
            emit searchCountsChanged();
        });
}

void ConversationListModel::fail(const QString& message)
{
    qCWarning(lcListModel) << message;
    m_lastError = message;
    emit errorOccurred(message);
}

} // namespace zapito
