// SPDX-License-Identifier: Apache-2.0
#include "desktopalerts.h"

#include "desktopnotifier.h"
#include "notificationspage.h"
#include "traycontroller.h"
#include "untrustedtext.h"

#include <QKeySequence>
#include <QMessageBox>
#include <QSettings>

namespace zapito {

namespace {
const QString kAnnouncedKey = QStringLiteral("window/runningInBackgroundAnnounced");
}

DesktopAlerts::DesktopAlerts(TrayController& tray, QObject* parent)
    : QObject(parent)
    , m_tray(tray)
{
    useBus(QDBusConnection::sessionBus());
}

DesktopAlerts::~DesktopAlerts() = default;

void DesktopAlerts::useBus(const QDBusConnection& bus)
{
    m_handoffs.reset();
    m_notifier = std::make_unique<DesktopNotifier>(bus);
    m_handoffs = std::make_unique<HandoffNotifier>(*m_notifier);
    m_backgroundRequest = 0;
    m_backgroundId = 0;
    attach();
    emit offerChanged();
}

void DesktopAlerts::attach()
{
    connect(m_notifier.get(), &DesktopNotifier::stateChanged, this, &DesktopAlerts::offerChanged);
    connect(m_handoffs.get(), &HandoffNotifier::openConversationRequested, this,
            &DesktopAlerts::openConversationRequested);
    // No notification server on this desktop: the tray shows it, if there is one.
    connect(m_handoffs.get(), &HandoffNotifier::fallbackNeeded, this,
            [this](const HandoffNotifier::Handoff& h) {
                m_tray.notifyHandoff(h.conversationId, h.contact, h.reason, h.customerSaid);
            });
    connect(m_notifier.get(), &DesktopNotifier::shown, this, [this](quint64 request, quint32 id) {
        if (request == m_backgroundRequest)
            m_backgroundId = id;
    });
    connect(m_notifier.get(), &DesktopNotifier::openInvoked, this, [this](quint32 id) {
        if (id != 0 && id == m_backgroundId)
            emit showWindowRequested();
    });
}

DesktopAlerts::Offer DesktopAlerts::offer() const
{
    switch (m_notifier->state()) {
    case DesktopNotifier::State::Probing:
        return Offer::Checking;
    case DesktopNotifier::State::Available:
        return Offer::DesktopNotifications;
    case DesktopNotifier::State::Unavailable:
        break;
    }
    return m_tray.isAvailable() ? Offer::Tray : Offer::None;
}

QString DesktopAlerts::offerText() const
{
    switch (offer()) {
    case Offer::Checking:
        return tr("checking…");
    case Offer::DesktopNotifications: {
        const QString server = m_notifier->serverDisplayName();
        // The server's name is its own answer on the bus: isolated in our sentence.
        return server.isEmpty() ? tr("desktop notifications")
                                : tr("desktop notifications (%1)").arg(isolated(server));
    }
    case Offer::Tray:
        return tr("system tray");
    case Offer::None:
        break;
    }
    return tr("none available");
}

bool DesktopAlerts::notifyHandoff(const HandoffNotifier::Handoff& handoff)
{
    if (!NotificationsPage::notifyOnHandoff())
        return false;
    m_handoffs->notify(handoff);
    return true;
}

bool DesktopAlerts::runningInBackgroundAnnounced()
{
    return QSettings().value(kAnnouncedKey, false).toBool();
}

void DesktopAlerts::setRunningInBackgroundAnnounced(bool announced)
{
    QSettings().setValue(kAnnouncedKey, announced);
}

void DesktopAlerts::announceRunningInBackground()
{
    if (runningInBackgroundAnnounced())
        return;
    setRunningInBackgroundAnnounced(true);
    const QString title = tr("Zapito Inbox is still running");
    const QString body = tr("This window leads the inbox, so it keeps receiving messages and sending leads "
                            "with its window closed. To stop it, choose File → Quit (%1).")
                             .arg(QKeySequence(QKeySequence::Quit).toString(QKeySequence::NativeText));
    if (m_notifier->state() == DesktopNotifier::State::Available) {
        m_backgroundRequest = m_notifier->notify({title, body, true, 0});
        return;
    }
    if (m_tray.showNotice(title, body))
        return;
    // Nowhere to show a notification: a note of its own, which closing does not quit the app.
    auto* box = new QMessageBox(QMessageBox::Information, title,
                                body + u'\n' + tr("Start Zapito Inbox again to bring its window back."));
    box->setObjectName(QStringLiteral("runningInBackgroundMessage"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setAttribute(Qt::WA_QuitOnClose, false);
    box->setModal(false);
    box->show();
}

} // namespace zapito
