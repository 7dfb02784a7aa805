// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

class QLabel;
class QLineEdit;
class QListView;
class QMainWindow;
class QPushButton;
class QSqlQueryModel;
class QStackedWidget;

namespace zapito::bench {

// The baseline: what a careful Qt developer writes first. A QSqlQueryModel per list over its
// own QSQLITE connection (WAL, synchronous = NORMAL, as the product), the filter and the search
// in SQL — the product's scope: contact name, number and message text, with LIKE and an EXISTS
// over the conversation's messages — fetched lazily as Qt does it (canFetchMore()/fetchMore(),
// 256 rows at a time) into a QListView. After its own writes it runs the list query again,
// since a QSqlQueryModel cannot change one row; the counts only after a write that can move
// them. The transcript is a QSqlQueryModel in conversation order fetched to the end, because a
// chat opens at its newest message and the model only fetches forward, in a word-wrapped
// QListView.
class NaiveInbox final : public InboxScenario
{
public:
    NaiveInbox();
    ~NaiveInbox() override;

    double openAndPaintFirstPage(const QString& databasePath) override;
    double toggleNeedsHuman(bool on) override;
    double search(const QString& text) override;
    double openTranscript(const QString& conversationId, const QString& externalId) override;
    double openRow(int row) override;
    ScrollResult scrollTranscriptToOldest(int totalRows, int budgetMs) override;
    double liveMessage(const QString& conversationId, qint64 atMs) override;
    double markResolved(qint64 atMs) override;

    int listedRows() const override;
    QString listedId(int row) const override;
    bool needsHumanOnly() const override { return m_needsHuman; }
    QString searchText() const override { return m_searchText; }

private:
    QSqlDatabase db() const;
    void refreshList();
    void refreshCounts();
    void showTranscript(const QString& conversationId);
    // Times `action` (which changes the list) until the rows, or the empty label, are painted.
    double timeList(const char* what, const std::function<void()>& action);
    double openTimed(const QString& conversationId);

    QString m_connectionName;
    std::unique_ptr<QMainWindow> m_window;
    QSqlQueryModel* m_conversations = nullptr;
    QSqlQueryModel* m_messages = nullptr;
    QLineEdit* m_search = nullptr;
    QPushButton* m_all = nullptr;
    QPushButton* m_needsHumanButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    QListView* m_list = nullptr;
    QLabel* m_empty = nullptr;
    QListView* m_transcript = nullptr;
    bool m_needsHuman = false;
    QString m_searchText;
    QString m_shown;
    quint64 m_listGeneration = 0;
};

} // namespace zapito::bench
