// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"

#include <memory>

class QWidget;

namespace zapito {
class InboxServices;
class MainWindow;
} // namespace zapito

namespace zapito::bench {

// The product: InboxServices (the composition root the app runs on) and the real MainWindow,
// shown offscreen and driven only through their public API, the way the operator drives them.
// The models may read the store on a worker thread, so every step waits for what the model
// says it has read (pageLoaded(), loaded(), its row signals) before it looks for the paint.
class ProductInbox final : public InboxScenario
{
public:
    ProductInbox();
    ~ProductInbox() override;

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
    bool needsHumanOnly() const override;
    QString searchText() const override;

private:
    double open(const QString& conversationId);
    // Types into the search box; until the list has the rows of that search and painted them
    // (or the empty state, when there are none).
    double typeSearch(const QString& text);
    bool listDataFor(const QString& search, bool needsHuman) const;
    QWidget* listView() const;
    QWidget* listEmptyState() const;
    QWidget* transcript() const;

    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace zapito::bench
