// SPDX-License-Identifier: Apache-2.0
#include "sharedsettings.h"

#include "changewatcher.h"
#include "database.h"
#include "storereader.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcSharedSettings, "zapito.models.settings")

namespace zapito {

namespace {
const QString kReadLane = QStringLiteral("shared-settings");
// Off the GUI thread a save may wait out the pipeline's write instead of failing after the event
// loop's few milliseconds.
constexpr int kWriterBusyTimeoutMs = 5000;
} // namespace

SharedSettings::SharedSettings(const Database& database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
    m_thread.setObjectName(QStringLiteral("settings writer"));
    m_writer = new QObject;
    m_writer->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_writer, &QObject::deleteLater);
    m_thread.start();
}

SharedSettings::~SharedSettings()
{
    // A write under way finishes (one short statement); what is still queued is dropped.
    m_thread.quit();
    m_thread.wait();
}

std::optional<SharedSettings::Values> SharedSettings::readAll(const QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT key, value FROM shared_settings"))) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    Values values;
    while (q.next())
        values.insert(q.value(0).toString(), q.value(1).toString());
    return values;
}

Status SharedSettings::write(const QSqlDatabase& db, const Values& values, bool keepExisting)
{
    if (values.isEmpty())
        return Status::ok();
    // One statement for every key: atomic on both engines, and under PostgreSQL's READ COMMITTED
    // two seats saving at once each leave their whole save, never a mix.
    QStringList rows;
    rows.reserve(values.size());
    for (qsizetype i = 0; i < values.size(); ++i)
        rows.append(QStringLiteral("(?, ?, ?)"));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO shared_settings (key, value, updated_at_ms) VALUES %1 "
                             "ON CONFLICT (key) DO %2")
                  .arg(rows.join(QStringLiteral(", ")),
                       keepExisting ? QStringLiteral("NOTHING")
                                    : QStringLiteral("UPDATE SET value = excluded.value, "
                                                     "updated_at_ms = excluded.updated_at_ms")));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        q.addBindValue(it.key());
        // An empty text is a value (an automatic fallback reply), never NULL.
        q.addBindValue(it.value().isNull() ? QStringLiteral("") : it.value());
        q.addBindValue(now);
    }
    if (!q.exec())
        return Status::failure(q.lastError().text());
    return Status::ok();
}

Status SharedSettings::load()
{
    QString error;
    const auto stored = readAll(m_database.connection(), &error);
    if (!stored)
        return Status::failure(error);
    applyRead(*stored);
    return Status::ok();
}

Status SharedSettings::adopt(const Values& values)
{
    if (const Status written = write(m_database.connection(), values, true); !written)
        return written;
    return load();
}

Status SharedSettings::setNow(const Values& values)
{
    if (const Status written = write(m_database.connection(), values, false); !written)
        return written;
    return load();
}

void SharedSettings::assume(const Values& values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!m_values.contains(it.key()))
            m_values.insert(it.key(), it.value());
    }
}

std::optional<QString> SharedSettings::value(const QString& key) const
{
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

void SharedSettings::set(const Values& values, Done done)
{
    QStringList keys;
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        m_writing[it.key()] += 1;
        if (m_values.value(it.key()) != it.value() || !m_values.contains(it.key()))
            keys.append(it.key());
        m_values.insert(it.key(), it.value());
    }
    if (!keys.isEmpty())
        emit changed(keys);
    store(values, std::move(done));
}

void SharedSettings::store(const Values& values, Done done)
{
    const Database* database = &m_database;
    QMetaObject::invokeMethod(
        m_writer,
        [database, values, done = std::move(done), this] {
            // A connection for this write alone: writes are rare, and PostgreSQL keeps no idle
            // session for them.
            const QString name = QStringLiteral("zapito-settings-%1").arg(quintptr(this), 0, 16);
            Status result = Status::ok();
            {
                QSqlDatabase db = database->openExtraConnection(name, kWriterBusyTimeoutMs);
                result = db.isOpen() ? write(db, values, false) : Status::failure(db.lastError().text());
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            // `this` outlives the writer thread (the destructor stops it first).
            QMetaObject::invokeMethod(
                this,
                [this, values, done, result] {
                    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
                        if (--m_writing[it.key()] <= 0)
                            m_writing.remove(it.key());
                    }
                    if (!result) {
                        qCWarning(lcSharedSettings) << "a setting was not stored:" << result.error();
                        emit writeFailed(result.error());
                        refresh(); // what the store holds is shown again
                    }
                    if (done)
                        done(result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void SharedSettings::follow(ChangeWatcher& changes, StoreReader& reader)
{
    m_reader = &reader;
    connect(&changes, &ChangeWatcher::settingChangedElsewhere, this, [this](const QString&) { refresh(); });
}

void SharedSettings::refresh()
{
    if (!m_reader)
        return;
    // A newer read supersedes one still queued: a burst of changes costs one or two reads.
    m_reader->read<std::optional<Values>>(
        this, kReadLane, [](const QSqlDatabase& db) { return readAll(db); },
        [this](std::optional<Values> stored) {
            if (stored)
                applyRead(*stored);
        });
}

void SharedSettings::applyRead(const Values& stored)
{
    QStringList keys;
    Values next = stored;
    // A value written here and not yet stored stays what this process shows until it is.
    for (auto it = m_writing.constBegin(); it != m_writing.constEnd(); ++it) {
        if (m_values.contains(it.key()))
            next.insert(it.key(), m_values.value(it.key()));
    }
    for (auto it = next.constBegin(); it != next.constEnd(); ++it) {
        const auto old = m_values.constFind(it.key());
        if (old == m_values.constEnd() || *old != it.value())
            keys.append(it.key());
    }
    for (auto it = m_values.constBegin(); it != m_values.constEnd(); ++it) {
        if (!next.contains(it.key()))
            keys.append(it.key());
    }
    m_values = std::move(next);
    if (!keys.isEmpty())
        emit changed(keys);
}

} // namespace zapito
