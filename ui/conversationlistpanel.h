// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QWidget>

class QLineEdit;
class QStackedWidget;
class QTimer;

namespace zapito {

class ConversationListModel;
class ConversationListView;
class ConversationDelegate;
class EmptyState;
class ViewTabs;

// The left side of the window: search box, the views (All, Needs a human, Mine, Bot, Resolved)
// with their live counts, the conversation list, and what to do when the list is empty.
class ConversationListPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kSearchDelayMs = 200;
    // Waiting times on the rows move on by the minute; a repaint, never a query.
    static constexpr int kWaitRefreshMs = 60'000;
    // The views in the order their tabs show, Ctrl+1 to Ctrl+5.
    static const QList<InboxView>& views();
    static QString viewName(InboxView view);

    explicit ConversationListPanel(ConversationListModel& model, QWidget* parent = nullptr);

    ConversationListView* view() const { return m_view; }
    ConversationDelegate* delegate() const { return m_delegate; }
    QLineEdit* searchField() const { return m_search; }
    bool needsHumanOnly() const;
    void setNeedsHumanOnly(bool on);
    InboxView inboxView() const;
    void setView(InboxView view);
    ViewTabs* viewTabs() const { return m_views; }
    void focusSearch();
    void focusList();
    // Shorter in tests; typing waits this long before the list is searched.
    void setSearchDelay(int ms);

signals:
    void loadSamplesRequested();
    void connectChannelRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void selectFirstIfNone();
    void updateCounts();
    void updateEmptyState();

    ConversationListModel& m_model;
    QLineEdit* m_search;
    ViewTabs* m_views;
    QStackedWidget* m_stack;
    ConversationListView* m_view;
    ConversationDelegate* m_delegate;
    EmptyState* m_empty;
    QTimer* m_searchTimer;
    QTimer* m_waitTimer;
};

} // namespace zapito
