// SPDX-License-Identifier: Apache-2.0
#include "desktopnotifier.h"

#include "activationtoken.h"
#include "desktoplog.h"
#include "untrustedtext.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QTimer>

namespace zapito {

namespace {
constexpr qsizetype kOursKept = 64;
const QString kOpenAction = QStringLiteral("open");
const QString kDefaultAction = QStringLiteral("default");
} // namespace

DesktopNotifier::DesktopNotifier(const QDBusConnection& bus, QObject* parent)
    : QObject(parent)
    , m_bus(bus)
{
    if (!m_bus.isConnected()) {
        qCDebug(lcDesktop) << "no D-Bus session: no desktop notifications";
        QTimer::singleShot(0, this, [this] { setState(State::Unavailable); });
        return;
    }
    // Broadcast by the server for every client; onActionInvoked() keeps ours.
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onNotificationClosed(uint, uint)));
    // Spec 1.2: sent just before ActionInvoked, for the window that the action raises.
    m_bus.connect(kService, kPath, kInterface, QStringLiteral("ActivationToken"), this,
                  SLOT(onActivationToken(uint, QString)));
    // A server that starts, restarts or goes away later (a desktop shell restart) is asked again.
    m_watcher = new QDBusServiceWatcher(kService, m_bus, QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(m_watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString&, const QString&, const QString& newOwner) {
                if (newOwner.isEmpty()) {
                    setState(State::Unavailable);
                    return;
                }
                probe();
            });
    probe();
}

DesktopNotifier::~DesktopNotifier() = default;

QDBusMessage DesktopNotifier::method(const QString& name) const
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, name);
}

void DesktopNotifier::probe()
{
    // An answer to an older probe (the server changed meanwhile) is dropped.
    const quint64 generation = ++m_probeGeneration;
    auto* caps = new QDBusPendingCallWatcher(
        m_bus.asyncCall(method(QStringLiteral("GetCapabilities")), kCallTimeoutMs), this);
    connect(caps, &QDBusPendingCallWatcher::finished, this,
            [this, generation](QDBusPendingCallWatcher* call) {
                call->deleteLater();
                if (generation != m_probeGeneration)
                    return;
                const QDBusPendingReply<QStringList> reply = *call;
                if (reply.isError()) {
                    qCDebug(lcDesktop) << "no notification server:" << reply.error().name();
                    setState(State::Unavailable);
                    return;
                }
                m_capabilities = reply.value();
                auto* info = new QDBusPendingCallWatcher(
                    m_bus.asyncCall(method(QStringLiteral("GetServerInformation")), kCallTimeoutMs), this);
                connect(info, &QDBusPendingCallWatcher::finished, this,
                        [this, generation](QDBusPendingCallWatcher* call) {
                            call->deleteLater();
                            if (generation != m_probeGeneration)
                                return;
                            const QDBusPendingReply<QString, QString, QString, QString> reply = *call;
                            // A server that lists its capabilities but not its name still shows
                            // notifications.
                            m_serverName = reply.isError() ? QString() : reply.argumentAt<0>();
                            qCDebug(lcDesktop) << "notification server" << m_serverName << m_capabilities;
                            setState(State::Available);
                        });
            });
}

void DesktopNotifier::setState(State state)
{
    if (state == m_state && state != State::Available)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString DesktopNotifier::serverDisplayName() const
{
    if (m_serverName == QLatin1String("gnome-shell"))
        return QStringLiteral("GNOME Shell");
    return m_serverName;
}

QString DesktopNotifier::bodyFor(const QString& plainBody, bool bodyMarkup)
{
    return bodyMarkup ? notificationBodyEscaped(plainBody) : plainBody;
}

quint64 DesktopNotifier::notify(const Notification& notification)
{
    if (m_state != State::Available)
        return 0;
    const quint64 request = m_nextRequest++;
    QStringList actions;
    if (notification.openAction)
        actions << kDefaultAction << tr("Open") << kOpenAction << tr("Open");
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), kAppIcon},
        {QStringLiteral("category"), QStringLiteral("im.received")},
        {QStringLiteral("urgency"), QVariant::fromValue<uchar>(1)},
    };
    QDBusMessage call = method(QStringLiteral("Notify"));
    call << kAppName << notification.replacesId << kAppIcon << notification.summary
         << bodyFor(notification.body, rendersBodyMarkup()) << actions << hints << qint32(-1);
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, request](QDBusPendingCallWatcher* w) {
        w->deleteLater();
        const QDBusPendingReply<quint32> reply = *w;
        if (reply.isError()) {
            qCDebug(lcDesktop) << "Notify failed:" << reply.error().name();
            emit failed(request, reply.error().message());
            return;
        }
        const quint32 id = reply.value();
        m_ours.removeAll(id);
        m_ours.append(id);
        while (m_ours.size() > kOursKept)
            m_ours.removeFirst();
        emit shown(request, id);
    });
    return request;
}

void DesktopNotifier::close(quint32 id)
{
    if (m_state != State::Available || !m_ours.contains(id))
        return;
    QDBusMessage call = method(QStringLiteral("CloseNotification"));
    call << id;
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, kCallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, watcher, &QObject::deleteLater);
}

void DesktopNotifier::onActionInvoked(uint id, const QString& actionKey)
{
    if (!m_ours.contains(id))
        return;
    if (actionKey == kOpenAction || actionKey == kDefaultAction)
        emit openInvoked(id);
}

void DesktopNotifier::onActivationToken(uint id, const QString& token)
{
    if (m_ours.contains(id))
        acceptActivationToken(token);
}

void DesktopNotifier::onNotificationClosed(uint id, uint)
{
    if (!m_ours.removeAll(id))
        return;
    emit closed(id);
}

} // namespace zapito
