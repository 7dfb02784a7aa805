// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

#include <QSystemTrayIcon>

#include <functional>
class QWidget;

namespace zapito {

// The system tray icon: the Needs a human count on the icon and in its tooltip, and the
// handoff notifications where the desktop has no notification server (DesktopAlerts decides).
// Does nothing on desktops without a tray.
class TrayController final : public QObject
{
    Q_OBJECT
public:
    // What a desktop notification shows: the title is plain text (the freedesktop summary), the
    // body may be read as markup by the notification server, so it comes escaped.
    struct Notification
    {
        QString title;
        QString body;
    };
    // Where notifications go: the tray icon's showMessage(), or a test's capture.
    using NotificationSink = std::function<void(const Notification&)>;

    explicit TrayController(QWidget& window, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrayController)

    bool isAvailable() const { return m_tray != nullptr; }
    void setNeedsHumanCount(int count);
    int needsHumanCount() const { return m_count; }

    // The handoff notification where the desktop has no notification server: the words of
    // HandoffNotifier::handoffText() ("<contact> needs a human", "<reason>: “<what the customer
    // said last>”"), the customer's isolated, the body escaped (notificationBodyEscaped()).
    static Notification handoffNotification(const QString& contact, const QString& reason,
                                            const QString& customerSaid);
    // Shows handoffNotification() unless notifications are off or there is nowhere to show it
    // (no tray, no sink); returns whether it did.
    bool notifyHandoff(const QString& conversationId, const QString& contact, const QString& reason,
                       const QString& customerSaid = QString());
    // A message of the app's own (not a handoff) on the tray icon; returns whether it was shown.
    bool showNotice(const QString& title, const QString& body);
    // Replaces the tray icon as the place notifications are shown (tests capture them here).
    void setNotificationSink(NotificationSink sink) { m_sink = std::move(sink); }

signals:
    void openConversationRequested(const QString& conversationId);

private:
    void showWindow();

    QWidget& m_window;
    QPointer<QSystemTrayIcon> m_tray;
    NotificationSink m_sink;
    QString m_lastNotified;
    int m_count = -1;
};

} // namespace zapito
