// SPDX-License-Identifier: Apache-2.0
#include "benchsupport.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTextStream>
#include <QWidget>

#include <algorithm>
#include <utility>

namespace zapito::bench {

std::optional<double> median(QList<double> samples)
{
    if (samples.isEmpty())
        return std::nullopt;
    std::sort(samples.begin(), samples.end());
    const qsizetype mid = samples.size() / 2;
    return samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2.0;
}

namespace {
QByteArray fieldOf(const char* file, const QByteArray& key)
{
    QFile f(QString::fromLatin1(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // /proc files report size 0 and atEnd() at once: read them whole.
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(key))
            return line.mid(line.indexOf(':') + 1).trimmed();
    }
    return {};
}
} // namespace

double peakRssMiB()
{
    const QByteArray value = fieldOf("/proc/self/status", "VmHWM"); // "123456 kB"
    return value.split(' ').value(0).toDouble() / 1024.0;
}

QString cpuModel()
{
    return QString::fromUtf8(fieldOf("/proc/cpuinfo", "model name"));
}

QString memoryTotal()
{
    const double kb = fieldOf("/proc/meminfo", "MemTotal").split(' ').value(0).toDouble();
    return QStringLiteral("%1 GiB").arg(kb / 1024.0 / 1024.0, 0, 'f', 1);
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = f.readAll().split(' ');
    return QString::fromLatin1(parts.mid(0, 3).join(' '));
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    // The tick only bounds how long one blocking wait for events can last; whatever the
    // condition depends on arrives as an event and wakes the loop by itself.
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.start(1);
    const auto start = Clock::now();
    while (!done()) {
        if (msSince(start) > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void settle(int ms)
{
    const auto start = Clock::now();
    waitUntil([&] { return msSince(start) >= ms; }, ms + 1000);
}

DataWait::DataWait(std::function<bool()> ready)
    : m_ready(std::move(ready))
{}

DataWait::~DataWait()
{
    for (const auto& c : std::as_const(m_connections))
        QObject::disconnect(c);
}

void DataWait::onModelChanges(const QAbstractItemModel* model)
{
    on(model, &QAbstractItemModel::modelReset);
    on(model, &QAbstractItemModel::rowsInserted);
    on(model, &QAbstractItemModel::rowsRemoved);
    on(model, &QAbstractItemModel::rowsMoved);
    on(model, &QAbstractItemModel::dataChanged);
    on(model, &QAbstractItemModel::layoutChanged);
}

void DataWait::arm()
{
    m_armed = true;
    m_arrived = false;
    m_armedAt = Clock::now();
    m_arrivedAfterMs = -1;
}

void DataWait::check()
{
    if (m_armed && !m_arrived && m_ready()) {
        m_arrived = true;
        m_arrivedAfterMs = msSince(m_armedAt);
    }
}

// Watches the whole application: a view paints its viewport, a transcript its bubbles, child
// widgets of the target, and those paints count as much as the target's own.
class PaintWaiter::Filter final : public QObject
{
public:
    Accepts accepts;
    std::function<bool()> gate;
    bool painted = false;
    Clock::time_point armed = Clock::now();
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::Paint || !watched->isWidgetType())
            return false;
        auto* widget = static_cast<QWidget*>(watched);
        static const bool verbose = qEnvironmentVariableIntValue("ZAPITO_BENCH_PAINT") >= 1;
        if (verbose)
            qInfo("paint %.3f ms %s %s", msSince(armed), widget->metaObject()->className(),
                  qPrintable(widget->objectName()));
        // The paint itself runs right after the filter, inside the same processEvents call,
        // which returns before the clock is read.
        if (!painted && (!gate || gate()) && accepts(widget))
            painted = true;
        return false;
    }
};

PaintWaiter::Accepts PaintWaiter::inside(QWidget* target)
{
    return [target](QWidget* w) { return w == target || target->isAncestorOf(w); };
}

PaintWaiter::PaintWaiter(Accepts accepts, std::function<bool()> gate)
    : m_filter(new Filter)
{
    m_filter->accepts = std::move(accepts);
    m_filter->gate = std::move(gate);
    QCoreApplication::instance()->installEventFilter(m_filter);
}

PaintWaiter::PaintWaiter(QWidget* target)
    : PaintWaiter(inside(target), {})
{}

PaintWaiter::~PaintWaiter()
{
    QCoreApplication::instance()->removeEventFilter(m_filter);
    delete m_filter;
}

void PaintWaiter::arm()
{
    m_filter->painted = false;
    m_filter->armed = Clock::now();
}

bool PaintWaiter::painted() const
{
    return m_filter->painted;
}

bool PaintWaiter::wait(int timeoutMs)
{
    return waitUntil([this] { return m_filter->painted; }, timeoutMs);
}

double timeToPaint(const char* what, const std::function<void()>& action, DataWait& data,
                   const PaintWaiter::Accepts& accepts, int timeoutMs)
{
    PaintWaiter painted(accepts, [&data] { return data.arrived(); });
    // Paints already owed belong to the step before.
    QCoreApplication::processEvents();
    painted.arm();
    data.arm();
    const auto start = Clock::now();
    action();
    data.check();
    if (!painted.wait(timeoutMs)) {
        qWarning("%s: %s within %d ms", what,
                 data.arrived() ? "no paint after the data" : "the data did not arrive", timeoutMs);
        return -1;
    }
    const double ms = msSince(start);
    // ZAPITO_BENCH_PAINT=1: where a step's time went, the wait for the data or what followed.
    static const bool verbose = qEnvironmentVariableIntValue("ZAPITO_BENCH_PAINT") >= 1;
    if (verbose)
        qInfo("%s: data after %.3f ms, painted after %.3f ms", what, data.arrivedAfterMs(), ms);
    return ms;
}

Heartbeat::Heartbeat(int intervalMs)
    : m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Heartbeat::beat);
}

void Heartbeat::start()
{
    m_worst = 0;
    m_worstSinceLast = 0;
    m_beats = 0;
    m_last = Clock::now();
    m_timer.start();
}

void Heartbeat::stop()
{
    m_timer.stop();
}

double Heartbeat::takeWorstSinceLast()
{
    return std::exchange(m_worstSinceLast, 0);
}

void Heartbeat::beat()
{
    const auto now = Clock::now();
    const double late = std::chrono::duration<double, std::milli>(now - m_last).count() - m_intervalMs;
    m_worst = std::max(m_worst, late);
    m_worstSinceLast = std::max(m_worstSinceLast, late);
    m_last = now;
    ++m_beats;
}

void publishReport(const QString& table, const QString& markdownFile)
{
    QTextStream(stdout) << table;
    if (markdownFile.isEmpty())
        return;
    QFile out(markdownFile);
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        out.write(table.toUtf8());
}

} // namespace zapito::bench
