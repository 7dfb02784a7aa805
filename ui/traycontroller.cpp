// SPDX-License-Identifier: Apache-2.0
#include "traycontroller.h"

#include "handoffnotifier.h"
#include "notificationspage.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace zapito {

namespace {
QIcon iconWithCount(int count)
{
    QPixmap pixmap = ui::appIcon().pixmap(64, 64);
    if (pixmap.isNull())
        pixmap = QPixmap(64, 64);
    if (count <= 0)
        return QIcon(pixmap);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect badge(26, 0, 38, 38);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xD9, 0x30, 0x25));
    p.drawEllipse(badge);
    QFont f = QApplication::font();
    f.setBold(true);
    f.setPixelSize(count > 9 ? 18 : 24);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(badge, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
    return QIcon(pixmap);
}
} // namespace

TrayController::TrayController(QWidget& window, QObject* parent)
    : QObject(parent)
    , m_window(window)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(iconWithCount(0), this);
    auto* menu = new QMenu(&m_window);
    menu->addAction(tr("Show Zapito Inbox"), this, &TrayController::showWindow);
    menu->addSeparator();
    menu->addAction(tr("Quit"), qApp, &QApplication::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            showWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        showWindow();
        if (!m_lastNotified.isEmpty())
            emit openConversationRequested(m_lastNotified);
    });
    setNeedsHumanCount(0);
    m_tray->show();
    m_sink = [tray = m_tray](const Notification& n) {
        if (tray)
            tray->showMessage(n.title, n.body, ui::appIcon(), 10'000);
    };
}

void TrayController::setNeedsHumanCount(int count)
{
    if (count == m_count)
        return;
    m_count = count;
    if (!m_tray)
        return;
    m_tray->setIcon(iconWithCount(count));
    m_tray->setToolTip(count == 0
                           ? tr("Zapito Inbox: nobody is waiting for a human")
                           : (count == 1 ? tr("Zapito Inbox: 1 conversation needs a human")
                                         : tr("Zapito Inbox: %1 conversations need a human").arg(count)));
}

TrayController::Notification TrayController::handoffNotification(const QString& contact,
                                                                 const QString& reason,
                                                                 const QString& customerSaid)
{
    // The same words as the desktop notification; the tray's server may read markup.
    const HandoffNotifier::Text text =
        HandoffNotifier::handoffText({QString(), contact, reason, customerSaid});
    return {text.summary, notificationBodyEscaped(text.body)};
}

bool TrayController::notifyHandoff(const QString& conversationId, const QString& contact,
                                   const QString& reason, const QString& customerSaid)
{
    if (!m_sink || !NotificationsPage::notifyOnHandoff())
        return false;
    m_lastNotified = conversationId;
    m_sink(handoffNotification(contact, reason, customerSaid));
    return true;
}

bool TrayController::showNotice(const QString& title, const QString& body)
{
    if (!m_sink)
        return false;
    m_lastNotified.clear(); // a click on it shows the window, no conversation
    m_sink({title, notificationBodyEscaped(body)});
    return true;
}

void TrayController::showWindow()
{
    m_window.show();
    m_window.raise();
    m_window.activateWindow();
}

} // namespace zapito
