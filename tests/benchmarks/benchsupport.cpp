// SPDX-License-Identifier: Apache-2.0
#include "benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QSqlDriver>
#include <QVariant>
#include <QWidget>

#include <sqlite3.h>

#include <algorithm>

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

// Watches the whole application: a transcript paints its bubbles, child widgets of the view,
// and those paints count as much as the view's own.
class PaintWaiter::Filter final : public QObject
{
public:
    QWidget* target = nullptr;
    bool painted = false;
    Clock::time_point armed = Clock::now();
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        static const bool verboseLayout = qEnvironmentVariableIntValue("ZAPITO_BENCH_PAINT") == 2;
        if (verboseLayout && event->type() == QEvent::LayoutRequest && watched->isWidgetType())
            qInfo("layout request %.3f ms %s %s", msSince(armed), watched->metaObject()->className(),
                  qPrintable(watched->objectName()));
        if (event->type() == QEvent::Paint && watched->isWidgetType()) {
            auto* widget = static_cast<QWidget*>(watched);
            static const bool verbose = qEnvironmentVariableIntValue("ZAPITO_BENCH_PAINT") >= 1;
            if (verbose)
                qInfo("paint %.3f ms %s %s", msSince(armed), widget->metaObject()->className(),
                      qPrintable(widget->objectName()));
            // The paint runs right after the filter, inside the same processEvents call.
            if (widget == target || target->isAncestorOf(widget))
                painted = true;
        }
        return false;
    }
};

PaintWaiter::PaintWaiter(QWidget* widget)
    : m_widget(widget)
    , m_filter(new Filter)
{
    m_filter->target = widget;
    QCoreApplication::instance()->installEventFilter(m_filter);
}

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

bool PaintWaiter::wait(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!m_filter->painted) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (clock.elapsed() > timeoutMs)
            return false;
    }
    return true;
}

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(v.constData());
}

SqlRecorder::SqlRecorder(const QSqlDatabase& db)
    : m_handle(sqliteHandle(db))
{
    if (m_handle)
        sqlite3_trace_v2(m_handle, SQLITE_TRACE_STMT, &SqlRecorder::trace, this);
}

SqlRecorder::~SqlRecorder()
{
    if (m_handle)
        sqlite3_trace_v2(m_handle, 0, nullptr, nullptr);
}

void SqlRecorder::start()
{
    m_statements.clear();
    m_recording = true;
}

QStringList SqlRecorder::stop()
{
    m_recording = false;
    return std::exchange(m_statements, {});
}

int SqlRecorder::trace(unsigned type, void* context, void* statement, void* extra)
{
    auto* self = static_cast<SqlRecorder*>(context);
    // Statements of triggers arrive as "-- comments", and FTS5 runs its own statements on its
    // shadow tables ('main'.'messages_fts_…'); the outer statement covers both when replayed.
    if (type != SQLITE_TRACE_STMT || !self->m_recording || static_cast<const char*>(extra)[0] == '-')
        return 0;
    char* sql = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(statement));
    if (sql) {
        const QString text = QString::fromUtf8(sql);
        if (!text.contains(QLatin1String("'main'.")))
            self->m_statements.append(text);
        sqlite3_free(sql);
    }
    return 0;
}

} // namespace zapito::bench
