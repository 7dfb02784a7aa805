// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QAbstractItemModel;
class QWidget;

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
// Prints a report's Markdown table on standard output and, when `markdownFile` is not empty,
// writes it there too (README's tables are pasted from that file).
void publishReport(const QString& table, const QString& markdownFile);

// Runs the event loop, sleeping in it rather than spinning (the machine's cores are shared with
// the worker threads being measured), until `done` holds or `timeoutMs` has passed. Returns
// whether `done` held. Never a sleep: every event, timer and queued signal is delivered meanwhile.
bool waitUntil(const std::function<bool()>& done, int timeoutMs);
// Runs the event loop for `ms`: lets work the previous step queued (a worker's late answer, a
// deferred layout) land before the next step is timed, so it is not charged to that step.
void settle(int ms);

// "The data is there": a condition on the models, checked whenever one of the watched signals
// fires and when asked. It latches the first time it holds after arm(), inside the signal that
// made it true, so a paint caused by the data can never be seen before the data itself, however
// the product delivers it (in the call, a queued signal, a worker's answer).
class DataWait final
{
public:
    explicit DataWait(std::function<bool()> ready);
    ~DataWait();
    DataWait(const DataWait&) = delete;
    DataWait& operator=(const DataWait&) = delete;

    template<typename Sender, typename Signal> void on(const Sender* sender, Signal signal)
    {
        m_connections << QObject::connect(sender, signal, &m_context, [this] { check(); });
    }
    // Every signal by which an item model announces changed rows.
    void onModelChanges(const QAbstractItemModel* model);

    void arm();
    void check();
    bool arrived() const { return m_arrived; }
    // Milliseconds from arm() to the arrival.
    double arrivedAfterMs() const { return m_arrivedAfterMs; }

private:
    std::function<bool()> m_ready;
    Clock::time_point m_armedAt;
    double m_arrivedAfterMs = -1;
    QObject m_context;
    QList<QMetaObject::Connection> m_connections;
    bool m_armed = false;
    bool m_arrived = false;
};

// Waits for a paint of a widget `accepts` takes (the target and whatever it contains: a view's
// viewport, a transcript's bubbles), counting only paints that happen while `gate` holds.
class PaintWaiter final
{
public:
    using Accepts = std::function<bool(QWidget*)>;
    PaintWaiter(Accepts accepts, std::function<bool()> gate);
    explicit PaintWaiter(QWidget* target); // any paint of target or inside it
    ~PaintWaiter();
    PaintWaiter(const PaintWaiter&) = delete;
    PaintWaiter& operator=(const PaintWaiter&) = delete;
    // Forgets paints so far; call right before the action being timed.
    void arm();
    bool painted() const;
    bool wait(int timeoutMs = 10'000);

    static Accepts inside(QWidget* target);

private:
    class Filter;
    Filter* m_filter;
};

// Times one operator action: from `action` to the first accepted paint after `data` arrived.
// Returns -1 when either did not come within `timeoutMs`, with `what` in the warning.
double timeToPaint(const char* what, const std::function<void()>& action, DataWait& data,
                   const PaintWaiter::Accepts& accepts, int timeoutMs = 10'000);

// A timer that should fire every `intervalMs`; how late it fires is how long the event loop
// was blocked (a slot, a layout, a paint, a synchronous query). The worst lateness of a session
// is its GUI stall: at 60 Hz anything over 16 ms is a dropped frame the operator can see.
class Heartbeat final : public QObject
{
public:
    explicit Heartbeat(int intervalMs = 4);
    void start();
    void stop();
    double worstLatenessMs() const { return m_worst; }
    // The worst lateness since the last call: what one action of a session cost the event loop.
    double takeWorstSinceLast();
    int beats() const { return m_beats; }

private:
    void beat();
    QTimer m_timer;
    int m_intervalMs;
    Clock::time_point m_last;
    double m_worst = 0;
    double m_worstSinceLast = 0;
    int m_beats = 0;
};

} // namespace zapito::bench
