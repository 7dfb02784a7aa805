// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

#include <QSystemTrayIcon>
class QWidget;

namespace zapito {

// The system tray icon: the Needs a human count on the icon and in its tooltip, and a desktop
// notification when a conversation is handed to a human (unless switched off in Settings →
// Notifications). Does nothing on desktops without a tray.
class TrayController final : public QObject
{
    Q_OBJECT
public:
    explicit TrayController(QWidget& window, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrayController)

    bool isAvailable() const { return m_tray != nullptr; }
    void setNeedsHumanCount(int count);
    int needsHumanCount() const { return m_count; }
    // Shows "<title> needs a human" unless notifications are off; returns whether it did.
    bool notifyHandoff(const QString& conversationId, const QString& title, const QString& body);

signals:
    void openConversationRequested(const QString& conversationId);

private:
    void showWindow();

    QWidget& m_window;
    QPointer<QSystemTrayIcon> m_tray;
    QString m_lastNotified;
    int m_count = -1;
};

} // namespace zapito
