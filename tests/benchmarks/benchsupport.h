// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

class QWidget;
struct sqlite3;

namespace zapito::bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The middle of the samples (mean of the two middle ones for an even count); nullopt if none.
std::optional<double> median(QList<double> samples);

// Peak resident set of this process (VmHWM), in MiB.
double peakRssMiB();
// The machine, for the report: CPU model, cores, RAM and the load right now.
QString cpuModel();
QString memoryTotal();
QString loadAverage();

// Runs the event loop until `widget` has received and handled a paint event, or the timeout.
// Returns false on timeout. Paint is what the person sees, so every UI figure ends here.
class PaintWaiter final
{
public:
    explicit PaintWaiter(QWidget* widget);
    ~PaintWaiter();
    PaintWaiter(const PaintWaiter&) = delete;
    PaintWaiter& operator=(const PaintWaiter&) = delete;
    // Forgets paints so far; call right before the action being timed.
    void arm();
    bool wait(int timeoutMs = 10'000);

private:
    class Filter;
    QWidget* m_widget;
    Filter* m_filter;
};

// Records every SQL statement (bound values expanded) that runs on a Qt SQLite connection while
// it is recording, so the limit baseline replays exactly the product's SQL through the C API.
class SqlRecorder final
{
public:
    explicit SqlRecorder(const QSqlDatabase& db);
    ~SqlRecorder();
    SqlRecorder(const SqlRecorder&) = delete;
    SqlRecorder& operator=(const SqlRecorder&) = delete;
    void start();
    QStringList stop();

private:
    static int trace(unsigned type, void* context, void* statement, void* extra);
    sqlite3* m_handle = nullptr;
    bool m_recording = false;
    QStringList m_statements;
};

// The handle Qt's SQLite driver uses, or nullptr when the driver is not QSQLITE.
sqlite3* sqliteHandle(const QSqlDatabase& db);

} // namespace zapito::bench
