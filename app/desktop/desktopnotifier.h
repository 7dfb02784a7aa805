// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDBusConnection>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QDBusPendingCallWatcher;
class QDBusServiceWatcher;

namespace zapito {

// The desktop's notification server (org.freedesktop.Notifications, the freedesktop.org
// Desktop Notifications spec) on a D-Bus connection: what it offers, native notifications with
// actions, and which of ours the user clicked or closed. Every call is asynchronous: nothing
// here waits for the bus on the calling thread.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Probing,     // asking the bus; notifications sent meanwhile wait for the answer
        Available,   // a server answered GetCapabilities
        Unavailable, // no bus, no server, or no answer in time
    };
    // One notification. Summary and body are plain text (customer text included); the body is
    // escaped here when the server renders body markup.
    struct Notification
    {
        QString summary;
        QString body;
        bool openAction = false; // an "Open" button, and the click on the notification itself
        quint32 replacesId = 0;  // the server's id of one of ours to replace, or 0
    };

    static constexpr int kCallTimeoutMs = 5000;
    static inline const QString kService = QStringLiteral("org.freedesktop.Notifications");
    static inline const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
    static inline const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
    static inline const QString kAppName = QStringLiteral("Zapito Inbox");
    static inline const QString kAppIcon = QStringLiteral("app.zapito.Inbox"); // icon and desktop entry

    // Starts asking `bus` at once (a disconnected bus is Unavailable on the next event loop turn).
    explicit DesktopNotifier(const QDBusConnection& bus, QObject* parent = nullptr);
    ~DesktopNotifier() override;
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

    State state() const { return m_state; }
    // The server's own name (GetServerInformation), e.g. "gnome-shell"; empty until known.
    QString serverName() const { return m_serverName; }
    // A name for people: "GNOME Shell" for gnome-shell, else the server's name.
    QString serverDisplayName() const;
    QStringList capabilities() const { return m_capabilities; }
    bool rendersBodyMarkup() const { return m_capabilities.contains(QStringLiteral("body-markup")); }

    // The body as this server must receive it: &, < and > escaped where it reads markup.
    static QString bodyFor(const QString& plainBody, bool bodyMarkup);

    // Sends it (only when Available; returns 0 otherwise). The returned request number comes
    // back with shown() or failed().
    quint64 notify(const Notification& notification);
    void close(quint32 id);

signals:
    void stateChanged(zapito::DesktopNotifier::State state);
    void shown(quint64 request, quint32 id);
    void failed(quint64 request, const QString& error);
    // The user chose "Open" (or clicked the notification) on one of ours. The server's
    // activation token for that click, if it sent one, is in the environment by then
    // (activationtoken.h), so raising a window now may take the focus.
    void openInvoked(quint32 id);
    // One of ours went away (expired, dismissed, closed by a call).
    void closed(quint32 id);

private slots:
    void onActionInvoked(uint id, const QString& actionKey);
    void onNotificationClosed(uint id, uint reason);
    void onActivationToken(uint id, const QString& token);

private:
    void probe();
    void setState(State state);
    QDBusMessage method(const QString& name) const;

    QDBusConnection m_bus;
    QDBusServiceWatcher* m_watcher = nullptr;
    State m_state = State::Probing;
    QString m_serverName;
    QStringList m_capabilities;
    quint64 m_nextRequest = 1;
    quint64 m_probeGeneration = 0;
    // The server broadcasts every application's actions and closings: only ours count.
    QList<quint32> m_ours; // the latest ids we were given, oldest first, bounded
};

} // namespace zapito
