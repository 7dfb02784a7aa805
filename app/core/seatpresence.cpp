// SPDX-License-Identifier: Apache-2.0
#include "seatpresence.h"

#include "presenceworker.h"

namespace zapito {

SeatPresence::SeatPresence(PresenceWorker* worker, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
{
    // Emitted on the worker's thread, received on this one.
    connect(m_worker, &PresenceWorker::othersChanged, this, [this](const Presence& others) {
        m_others = others;
        emit othersChanged(m_others);
    });
    connect(m_worker, &PresenceWorker::written, this, &SeatPresence::written);
}

void SeatPresence::setOperatorName(const QString& name)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, name] { worker->setOperatorName(name); }, Qt::QueuedConnection);
}

void SeatPresence::setViewing(const QString& conversationId)
{
    if (conversationId == m_viewing)
        return;
    m_viewing = conversationId;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, conversationId] { worker->setViewing(conversationId); },
        Qt::QueuedConnection);
}

void SeatPresence::typed()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->typed(); }, Qt::QueuedConnection);
}

void SeatPresence::stoppedTyping()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stoppedTyping(); }, Qt::QueuedConnection);
}

void SeatPresence::watch()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->watch(); }, Qt::QueuedConnection);
}

} // namespace zapito
