// SPDX-License-Identifier: Apache-2.0
#include "presenceworker.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcPresence, "zapito.presence")

namespace zapito {

PresenceWorker::PresenceWorker(QString seatId, SeatTimings timings, std::function<QSqlDatabase()> connection,
                               QObject* parent)
    : QObject(parent)
    , m_seatId(std::move(seatId))
    , m_timings(timings)
    , m_connection(std::move(connection))
{}

PresenceStore& PresenceWorker::store()
{
    if (!m_store)
        m_store.emplace(m_connection(), m_seatId);
    return *m_store;
}

void PresenceWorker::ensureTimers()
{
    // Made on first use, on this thread, so they fire and die here.
    if (m_poll)
        return;
    m_poll = new QTimer(this);
    m_poll->setInterval(m_timings.presencePoll);
    connect(m_poll, &QTimer::timeout, this, &PresenceWorker::tick);
    m_trailing = new QTimer(this);
    m_trailing->setSingleShot(true);
    connect(m_trailing, &QTimer::timeout, this, [this] {
        if (m_typing)
            write();
    });
}

void PresenceWorker::setOperatorName(const QString& name)
{
    if (name == m_own.operatorName)
        return;
    m_own.operatorName = name;
    // The name shows only beside a conversation; with none shown it goes with the next one.
    if (!m_own.viewing.isEmpty())
        write();
}

void PresenceWorker::setViewing(const QString& conversationId)
{
    if (conversationId == m_own.viewing)
        return;
    m_own.viewing = conversationId;
    // Typing belonged to the conversation left.
    m_typing = false;
    if (m_trailing)
        m_trailing->stop();
    write();
}

void PresenceWorker::typed()
{
    if (m_own.viewing.isEmpty())
        return;
    ensureTimers();
    const bool stillTyping =
        m_typing && m_lastKey.isValid() && m_lastKey.elapsed() < m_timings.typingLasts.count();
    m_lastKey.start();
    if (!stillTyping || m_lastTypingWrite.elapsed() >= m_timings.typingThrottle.count()) {
        m_typing = true;
        m_trailing->stop();
        write();
        return;
    }
    // Within the throttle: one write at its end carries this key's time.
    if (!m_trailing->isActive())
        m_trailing->start(
            int(qMax<qint64>(0, m_timings.typingThrottle.count() - m_lastTypingWrite.elapsed())));
}

void PresenceWorker::stoppedTyping()
{
    if (!m_typing)
        return;
    m_typing = false;
    if (m_trailing)
        m_trailing->stop();
    write();
}

void PresenceWorker::watch()
{
    ensureTimers();
    m_watching = true;
    readOthers();
    m_poll->start();
}

void PresenceWorker::write()
{
    ensureTimers();
    PresenceStore::Own own = m_own;
    if (m_typing) {
        // Until typingLasts after the last key, however late this write comes.
        const qint64 left = m_timings.typingLasts.count() - m_lastKey.elapsed();
        if (left > 0) {
            own.typingForMs = left;
            m_lastTypingWrite.start();
        } else {
            m_typing = false;
        }
    }
    const Status landed = store().write(own);
    m_dirty = !landed;
    if (!landed) {
        // The seat's first heartbeat may not be written yet, or the store was busy: next tick.
        qCDebug(lcPresence) << "presence not written:" << landed.error();
        if (!m_poll->isActive())
            m_poll->start();
    }
    emit written(bool(landed));
}

void PresenceWorker::tick()
{
    if (m_dirty)
        write();
    if (m_watching)
        readOthers();
    else if (!m_dirty)
        m_poll->stop();
}

void PresenceWorker::readOthers()
{
    const qint64 freshSince = QDateTime::currentMSecsSinceEpoch() - m_timings.goneAfter.count();
    auto found = store().others(freshSince);
    if (!found) {
        // What was shown stays until a read succeeds: a busy moment is no departure.
        qCDebug(lcPresence) << "presence not read:" << found.error();
        return;
    }
    if (*found == m_others)
        return;
    m_others = *found;
    emit othersChanged(m_others);
}

} // namespace zapito
