// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

class QListView;
class QMainWindow;
class QSortFilterProxyModel;
class QSqlTableModel;

namespace zapito::bench {

// What most Qt inboxes do: a QSqlTableModel over the whole table, all rows fetched so the
// QSortFilterProxyModel on top can filter and count correctly, and a re-select after writes.
class NaiveInbox final : public InboxScenario
{
public:
    NaiveInbox();
    ~NaiveInbox() override;

    double openAndPaintFirstPage(const QString& databasePath) override;
    double toggleNeedsHuman(bool on) override;
    double search(const QString& text) override;
    double openTranscript(const QString& conversationId) override;
    double liveMessage(qint64 atMs) override;
    double markResolved(qint64 atMs) override;

private:
    double timeList(const std::function<void()>& action);
    void selectAll(QSqlTableModel* model);

    QString m_connectionName;
    std::unique_ptr<QMainWindow> m_window;
    QSqlTableModel* m_conversations = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QSqlTableModel* m_messages = nullptr;
    QListView* m_listView = nullptr;
    QListView* m_transcriptView = nullptr;
    bool m_needsHuman = false;
    QString m_search;
};

} // namespace zapito::bench
