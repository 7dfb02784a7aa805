// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace zapito {

class ConversationListModel;
class ConversationListView;
class ConversationDelegate;
class EmptyState;

// The left side of the window: search box, the All / Needs a human switch with counts, the
// conversation list, and what to do when the list is empty.
class ConversationListPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kSearchDelayMs = 200;

    explicit ConversationListPanel(ConversationListModel& model, QWidget* parent = nullptr);

    ConversationListView* view() const { return m_view; }
    ConversationDelegate* delegate() const { return m_delegate; }
    QLineEdit* searchField() const { return m_search; }
    bool needsHumanOnly() const;
    void setNeedsHumanOnly(bool on);
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
    QPushButton* m_allButton;
    QPushButton* m_needsHumanButton;
    QStackedWidget* m_stack;
    ConversationListView* m_view;
    ConversationDelegate* m_delegate;
    EmptyState* m_empty;
    QTimer* m_searchTimer;
};

} // namespace zapito
