// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "handoffnotifier.h"

#include <QDBusConnection>
#include <QObject>

#include <memory>

namespace zapito {

class DesktopNotifier;
class TrayController;

// Where the window's alerts go: the desktop's notification server (org.freedesktop.Notifications)
// when one answers, else the system tray, else nowhere. Handoffs, and the one-time word that
// the window's close leaves the inbox running, both come through here.
class DesktopAlerts final : public QObject
{
    Q_OBJECT
public:
    enum class Offer
    {
        Checking,             // the session bus has not answered yet
        DesktopNotifications, // a notification server answered
        Tray,                 // no server, a system tray
        None,
    };

    // Talks to the session bus.
    DesktopAlerts(TrayController& tray, QObject* parent = nullptr);
    ~DesktopAlerts() override;
    Q_DISABLE_COPY_MOVE(DesktopAlerts)

    // Talks to `bus` from now on (a test's private bus with a fake server).
    void useBus(const QDBusConnection& bus);

    Offer offer() const;
    // "desktop notifications (GNOME Shell)", "system tray", "none available" for Settings.
    QString offerText() const;
    DesktopNotifier& notifier() const { return *m_notifier; }
    HandoffNotifier& handoffs() const { return *m_handoffs; }

    // Unless switched off in Settings → Notifications; returns whether it was passed on.
    bool notifyHandoff(const HandoffNotifier::Handoff& handoff);
    // The first time the window's close leaves the inbox running (per user, kept in settings):
    // says so, and how to quit.
    void announceRunningInBackground();
    static bool runningInBackgroundAnnounced();
    static void setRunningInBackgroundAnnounced(bool announced);

signals:
    void offerChanged();
    void openConversationRequested(const QString& conversationId);
    // The user clicked the note that the inbox runs in the background.
    void showWindowRequested();

private:
    void attach();

    TrayController& m_tray;
    std::unique_ptr<DesktopNotifier> m_notifier;
    std::unique_ptr<HandoffNotifier> m_handoffs; // uses the notifier: goes first
    quint64 m_backgroundRequest = 0;
    quint32 m_backgroundId = 0;
};

} // namespace zapito
