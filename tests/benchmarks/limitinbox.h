// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"

#include <QHash>

#include <memory>

class QMainWindow;
struct sqlite3;

namespace zapito::bench {

// The limit: exactly the SQL the product ran for each step (recorded with bound values), run
// through the raw SQLite C API with every column read, plus, for the first page, showing an
// empty QMainWindow offscreen. Nothing can be faster and still show the same rows.
class LimitInbox final : public InboxScenario
{
public:
    explicit LimitInbox(QHash<Step, QStringList> sql);
    ~LimitInbox() override;

    double openAndPaintFirstPage(const QString& databasePath) override;
    double toggleNeedsHuman(bool on) override;
    double search(const QString& text) override;
    double openTranscript(const QString& conversationId) override;
    double liveMessage(qint64 atMs) override;
    double markResolved(qint64 atMs) override;

    // Rows read in the last step, to check the replay really read what the product showed.
    qint64 rowsRead() const { return m_rows; }
    // Of the first-page figure, the part spent showing the empty window.
    double emptyWindowMs() const { return m_emptyWindowMs; }

private:
    double replay(Step step);
    void run(const QString& sql);

    QHash<Step, QStringList> m_sql;
    sqlite3* m_db = nullptr;
    std::unique_ptr<QMainWindow> m_window;
    qint64 m_rows = 0;
    double m_emptyWindowMs = 0;
};

} // namespace zapito::bench
