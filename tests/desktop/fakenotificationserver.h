// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDBusConnection>
#include <QDBusContext>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace zapito::test {

// org.freedesktop.Notifications as a desktop shell serves it, on a test's bus: it keeps every
// Notify call, answers Notify later when told to (a real server answers when it does), and
// sends ActionInvoked / NotificationClosed on request.
class FakeNotificationServer final : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Received
    {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0; // what the server answered
    };

    // Registers the service on `bus`; `capabilities` as GetCapabilities lists them.
    FakeNotificationServer(QDBusConnection bus, QStringList capabilities,
                           QString name = QStringLiteral("fake-shell"));
    ~FakeNotificationServer() override;

    bool isRegistered() const { return m_registered; }
    QList<Received> received() const { return m_received; }
    void setReplyDelayMs(int ms) { m_replyDelayMs = ms; }
    // Notify answers with an error (a server that is shutting down, a broken one).
    void setRefuseNotify(bool refuse) { m_refuse = refuse; }

    void invokeAction(uint id, const QString& key);
    void sendActivationToken(uint id, const QString& token);
    void closeByUser(uint id);

public slots:
    QStringList GetCapabilities() const { return m_capabilities; }
    QString GetServerInformation(QString& vendor, QString& version, QString& specVersion) const;
    uint Notify(const QString& appName, uint replacesId, const QString& appIcon, const QString& summary,
                const QString& body, const QStringList& actions, const QVariantMap& hints, int expireTimeout);
    void CloseNotification(uint id);

signals:
    void notified(const zapito::test::FakeNotificationServer::Received& notification);

private:
    void sendSignal(const QString& name, const QVariantList& arguments);

    QDBusConnection m_bus;
    QStringList m_capabilities;
    QString m_name;
    bool m_registered = false;
    int m_replyDelayMs = 0;
    bool m_refuse = false;
    uint m_nextId = 100;
    QList<uint> m_open;
    QList<Received> m_received;
};

} // namespace zapito::test
