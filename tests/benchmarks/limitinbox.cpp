// SPDX-License-Identifier: Apache-2.0
#include "limitinbox.h"

#include "benchsupport.h"

#include <QMainWindow>

#include <sqlite3.h>

namespace zapito::bench {

LimitInbox::LimitInbox(QHash<Step, QStringList> sql)
    : m_sql(std::move(sql))
{}

LimitInbox::~LimitInbox()
{
    m_window.reset();
    if (m_db)
        sqlite3_close_v2(m_db);
}

void LimitInbox::run(const QString& sql)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &statement, nullptr) != SQLITE_OK) {
        qWarning("limit: cannot prepare %s: %s", utf8.constData(), sqlite3_errmsg(m_db));
        return;
    }
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        ++m_rows;
        // Read every column as text, as the product converts every column it reads.
        const int columns = sqlite3_column_count(statement);
        for (int c = 0; c < columns; ++c)
            (void)sqlite3_column_text16(statement, c);
    }
    if (rc != SQLITE_DONE)
        qWarning("limit: %s: %s", utf8.constData(), sqlite3_errmsg(m_db));
    sqlite3_finalize(statement);
}

double LimitInbox::replay(Step step)
{
    // ZAPITO_BENCH_SQL=1 prints every replayed statement with its time, to see where a step goes.
    static const bool verbose = qEnvironmentVariableIntValue("ZAPITO_BENCH_SQL") == 1;
    m_rows = 0;
    const auto start = Clock::now();
    for (const QString& sql : m_sql.value(step)) {
        const auto one = Clock::now();
        run(sql);
        if (verbose)
            qInfo("limit step %d: %.3f ms  %s", int(step), msSince(one), qPrintable(sql.left(200)));
    }
    return msSince(start);
}

double LimitInbox::openAndPaintFirstPage(const QString& databasePath)
{
    m_rows = 0;
    const auto start = Clock::now();
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK)
        qFatal("limit: cannot open %s", qPrintable(databasePath));
    // The product's connection set-up, then the product's first-page SQL.
    for (const char* pragma : {"PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL",
                               "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"})
        run(QString::fromLatin1(pragma));
    for (const QString& sql : m_sql.value(Step::Open))
        run(sql);
    const auto windowStart = Clock::now();
    m_window = std::make_unique<QMainWindow>();
    m_window->resize(1100, 720);
    PaintWaiter painted(m_window.get());
    m_window->show();
    painted.wait();
    m_emptyWindowMs = msSince(windowStart);
    return msSince(start);
}

double LimitInbox::toggleNeedsHuman(bool on)
{
    return replay(on ? Step::ToggleOn : Step::ToggleOff);
}

double LimitInbox::search(const QString& text)
{
    return replay(text.isEmpty() ? Step::ClearSearch : Step::Search);
}

double LimitInbox::openTranscript(const QString&)
{
    return replay(Step::Transcript);
}

double LimitInbox::liveMessage(qint64)
{
    return replay(Step::Live);
}

double LimitInbox::markResolved(qint64)
{
    return replay(Step::Resolve);
}

} // namespace zapito::bench
