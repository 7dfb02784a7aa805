// SPDX-License-Identifier: Apache-2.0
#include "fakenotificationserver.h"

#include <QDBusError>
#include <QDBusMessage>
#include <QTimer>

namespace zapito::test {

namespace {
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
} // namespace

FakeNotificationServer::FakeNotificationServer(QDBusConnection bus, QStringList capabilities, QString name)
    : m_bus(std::move(bus))
    , m_capabilities(std::move(capabilities))
    , m_name(std::move(name))
{
    m_registered = m_bus.registerObject(kPath, this, QDBusConnection::ExportAllSlots) &&
                   m_bus.registerService(kInterface);
}

FakeNotificationServer::~FakeNotificationServer()
{
    m_bus.unregisterService(kInterface);
    m_bus.unregisterObject(kPath);
}

QString FakeNotificationServer::GetServerInformation(QString& vendor, QString& version,
                                                     QString& specVersion) const
{
    vendor = QStringLiteral("Test");
    version = QStringLiteral("1.0");
    specVersion = QStringLiteral("1.2");
    return m_name;
}

uint FakeNotificationServer::Notify(const QString& appName, uint replacesId, const QString& appIcon,
                                    const QString& summary, const QString& body, const QStringList& actions,
                                    const QVariantMap& hints, int expireTimeout)
{
    if (m_refuse) {
        sendErrorReply(QDBusError::Failed, QStringLiteral("not now"));
        return 0;
    }
    // As the spec says: replacing one that is still open keeps its id, else a new one.
    const uint id = replacesId != 0 && m_open.contains(replacesId) ? replacesId : m_nextId++;
    if (!m_open.contains(id))
        m_open.append(id);
    const Received r{appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id};
    m_received.append(r);
    emit notified(r);
    if (m_replyDelayMs <= 0)
        return id;
    setDelayedReply(true);
    const QDBusMessage reply = message().createReply(QVariant::fromValue(id));
    QTimer::singleShot(m_replyDelayMs, this, [bus = m_bus, reply]() mutable { bus.send(reply); });
    return 0;
}

void FakeNotificationServer::CloseNotification(uint id)
{
    if (m_open.removeAll(id))
        sendSignal(QStringLiteral("NotificationClosed"), {QVariant::fromValue(id), QVariant::fromValue(3u)});
}

void FakeNotificationServer::invokeAction(uint id, const QString& key)
{
    sendSignal(QStringLiteral("ActionInvoked"), {QVariant::fromValue(id), key});
}

void FakeNotificationServer::sendActivationToken(uint id, const QString& token)
{
    sendSignal(QStringLiteral("ActivationToken"), {QVariant::fromValue(id), token});
}

void FakeNotificationServer::closeByUser(uint id)
{
    if (m_open.removeAll(id))
        sendSignal(QStringLiteral("NotificationClosed"), {QVariant::fromValue(id), QVariant::fromValue(2u)});
}

void FakeNotificationServer::sendSignal(const QString& name, const QVariantList& arguments)
{
    QDBusMessage signal = QDBusMessage::createSignal(kPath, kInterface, name);
    signal.setArguments(arguments);
    m_bus.send(signal);
}

} // namespace zapito::test
