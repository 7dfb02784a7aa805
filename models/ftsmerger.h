// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>

namespace zapito {

class Database;

// Merges the store's FTS5 indexes a few pages at a time, between events, on the connection that
// writes them. FTS5 otherwise merges inside the commit that crosses its threshold: measured on a
// 2M-message inbox, the event loop's worst write took 39 ms with those merges, 11 ms without.
// Merging on another connection would take the write lock away from the event loop for as long
// as that thread is descheduled; on the writing connection a step costs what it costs and never
// meets a lock of ours.
//
// While this object lives the indexes never merge inside a commit ('automerge' = 0, kept in the
// file); each step is one FTS5 'merge' command of `pages` pages, which is a no-op unless some
// level has enough segments to merge (FTS5's 'usermerge', 4).
class FtsMerger final : public QObject
{
    Q_OBJECT
public:
    struct Tuning
    {
        std::chrono::milliseconds poll{250}; // how often the connection is checked for commits
        int pages = 8;                       // the work of one step
        int stepsPerPoll = 16;               // steps at most per poll
    };

    FtsMerger(Database& database, Tuning tuning, QObject* parent = nullptr);
    ~FtsMerger() override;
    Q_DISABLE_COPY_MOVE(FtsMerger)

    // Checks for new commits now instead of at the next poll.
    void requestPass();

signals:
    // A pass ended with `steps` steps that did work.
    void passFinished(int steps);

private:
    void poll();
    void step();
    qint64 changeMark() const;

    Database& m_database;
    const Tuning m_tuning;
    QStringList m_tables;
    QTimer m_poll;
    qint64 m_lastMark = -1;
    bool m_pending = true; // what an earlier run left is taken up at once
    bool m_underWay = false;
    int m_stepsTaken = 0;
    int m_stepsWorked = 0;
};

} // namespace zapito
