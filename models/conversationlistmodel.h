// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationlistquery.h"
#include "conversationstore.h"
#include "presence.h"

#include <QAbstractListModel>

#include <array>
#include <functional>
#include <optional>

namespace zapito {

class StoreReader;

// The inbox's conversation list in its view's order (newest activity first; Needs a human waiting
// longest first), read page by page from SQL with the
// filter applied in SQL (a proxy model re-filtering 100k rows is far too slow). Every read runs
// on the store's reader thread and arrives by signal; the GUI thread only places page-sized
// results. Store signals move, insert, update or remove single rows so the view keeps its
// selection and scroll position; only a filter change resets the model.
class ConversationListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 100;

    explicit ConversationListModel(ConversationStore& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConversationListModel)

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    const ConversationFilter& filter() const { return m_filter; }
    // Resets the model (and reloads the first page) only when the filter really changed.
    // Returns whether it did.
    bool setFilter(const ConversationFilter& filter);
    void setNeedsHumanOnly(bool on);
    void setView(InboxView view);
    InboxView view() const { return m_filter.view; }
    // The conversation the window shows: being read, its row reports no unread messages.
    void setOpenConversationId(const QString& conversationId);
    // Who else is on which conversation (the other seats): only the rows whose operators changed
    // report dataChanged.
    void setPresence(const Presence& presence);
    // The operator this seat is: Mine's rows and its count.
    void setOperatorName(const QString& name);
    void setSearch(const QString& text);
    // Reads the first page again (after bulk changes such as loading samples).
    void reload();
    // True while a first page (after a filter change or reload) is being read; pageLoaded()
    // follows. The rows of the previous filter stay until then.
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Whether the conversation passes the current filter, loaded or not (a later page may hold
    // it); read on the reader thread, answered on this one, dropped when the filter moved on.
    void askListed(const QString& conversationId, QObject* receiver, std::function<void(bool)> answer);
    // -1 when the conversation is not loaded (filtered out, or not paged in yet).
    int rowOf(const QString& conversationId) const;
    const Conversation& conversationAt(int row) const { return m_rows.at(row); }
    // Totals over the whole inbox (not the search), one per view.
    ConversationStore::Counts counts() const { return m_counts; }

    // What the search finds in each view. A search reads bounded windows, so a count stops at
    // the cap: `capped` then says "at least `found`", never an exact number.
    struct SearchCount
    {
        int found = 0;
        bool capped = false;
        bool operator==(const SearchCount&) const = default;
    };
    using SearchCounts = std::array<SearchCount, 5>; // indexed by int(InboxView)
    // The counts shown in the view tabs: the search's while one is typed and its counts have
    // arrived, else std::nullopt (the kept totals apply).
    const std::optional<SearchCounts>& searchCounts() const { return m_searchCounts; }
    static const SearchCount& searchCountOf(const SearchCounts& counts, InboxView view);
    // How far a search's count goes before it reads "cap+" (tests make it small).
    void setSearchCountCap(int cap) { m_searchCountCap = qMax(1, cap); }
    static constexpr int kDefaultSearchCountCap = ConversationSearch::kMessageWindow;
    // The last SQL error, for the window to show; empty when all went well.
    QString lastError() const { return m_lastError; }

signals:
    // Any of the counts changed (counts() has them all).
    void countsChanged(int all, int needsHuman);
    void errorOccurred(const QString& message);
    // searchCounts() changed (arrived, or went back to none when the search was cleared).
    void searchCountsChanged();
    // A page read by setFilter(), reload() or fetchMore() is in the model.
    void pageLoaded();

private:
    void onConversationChanged(const QString& conversationId);
    // Puts the conversation where it belongs, or takes it out when it no longer passes.
    void place(const QString& conversationId, const std::optional<Conversation>& found);
    void requestCounts();
    // Per-view counts of the current search, on the reader thread, superseded by the next.
    void requestSearchCounts();
    void requestFirstPage();
    void appendPage(Expected<QList<Conversation>> page);
    void fail(const QString& message);
    // Where a row with this sort key belongs among the loaded rows (ignoring `skipRow`).
    int insertPosition(const Conversation& c, int skipRow) const;

    ConversationStore& m_store;
    StoreReader& m_reader;
    const QString m_lanePrefix;
    ConversationFilter m_filter;
    QString m_openConversationId;
    Presence m_presence;
    QList<Conversation> m_rows;
    ConversationStore::Counts m_counts;
    std::optional<SearchCounts> m_searchCounts;
    int m_searchCountCap = kDefaultSearchCountCap;
    QString m_lastError;
    int m_pageSize = kDefaultPageSize;
    bool m_atEnd = false;
    bool m_loading = false;      // a first page is on its way
    bool m_fetchingMore = false; // a further page is on its way
    quint64 m_generation = 0;    // bumped by every first page: older results are dropped
};

} // namespace zapito
