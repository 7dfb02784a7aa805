// SPDX-License-Identifier: Apache-2.0
#include "ftsmerger.h"

#include "database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMerger, "zapito.models.merger")

namespace zapito {

namespace {

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

qint64 scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

FtsMerger::FtsMerger(Database& database, Tuning tuning, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_tuning(tuning)
{
    const QSqlDatabase db = m_database.connection();
    QSqlQuery tables(db);
    if (tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"))) {
        while (tables.next())
            m_tables << tables.value(0).toString();
    }
    for (const QString& table : std::as_const(m_tables)) {
        QSqlQuery off(db);
        if (!off.exec(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('automerge', 0)").arg(quoted(table))))
            qCWarning(lcMerger) << "cannot turn off automatic merges of" << table << ":"
                                << off.lastError().text();
    }
    m_poll.setInterval(m_tuning.poll);
    connect(&m_poll, &QTimer::timeout, this, &FtsMerger::poll);
    m_poll.start();
    QTimer::singleShot(0, this, &FtsMerger::poll);
}

// 'automerge' stays 0 in the file: another process may still be merging this way. One that
// writes without a merger (a command-line `reply`) leaves a few segments behind, which FTS5's
// crisis merges bound, and the next merger merges.
FtsMerger::~FtsMerger() = default;

void FtsMerger::requestPass()
{
    m_pending = true;
    poll();
}

// Commits on this connection (total_changes) and on every other one (data_version).
qint64 FtsMerger::changeMark() const
{
    const QSqlDatabase db = m_database.connection();
    return scalar(db, QStringLiteral("SELECT total_changes()")) * 1'000'003 +
           scalar(db, QStringLiteral("PRAGMA data_version"));
}

void FtsMerger::poll()
{
    if (m_underWay || m_tables.isEmpty())
        return;
    const qint64 mark = changeMark();
    if (mark == m_lastMark && !m_pending)
        return;
    m_pending = false;
    m_underWay = true;
    m_stepsTaken = 0;
    m_stepsWorked = 0;
    step();
}

// One FTS5 'merge' command per index, each its own short transaction; it changes two rows or more
// when it did work. The next step comes after the events that arrived meanwhile.
void FtsMerger::step()
{
    const QSqlDatabase db = m_database.connection();
    bool worked = false;
    for (const QString& table : std::as_const(m_tables)) {
        const qint64 before = scalar(db, QStringLiteral("SELECT total_changes()"));
        QSqlQuery merge(db);
        if (!merge.exec(QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('merge', %2)")
                            .arg(quoted(table))
                            .arg(m_tuning.pages))) {
            // Another process holds the write lock: the next poll tries again.
            qCDebug(lcMerger) << "merge step on" << table << "did not run:" << merge.lastError().text();
            m_pending = true;
            continue;
        }
        if (scalar(db, QStringLiteral("SELECT total_changes()")) - before >= 2)
            worked = true;
    }
    ++m_stepsTaken;
    if (worked)
        ++m_stepsWorked;
    if (worked && m_stepsTaken < m_tuning.stepsPerPoll) {
        QTimer::singleShot(0, this, &FtsMerger::step);
        return;
    }
    if (worked)
        m_pending = true; // this poll's share is done; the next goes on
    m_lastMark = changeMark();
    m_underWay = false;
    emit passFinished(m_stepsWorked);
}

} // namespace zapito
