// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "settingspage.h"

class QCheckBox;
class QLabel;

namespace zapito {

// Settings → Notifications: whether a new handoff shows a desktop notification, and where this
// desktop shows them.
class NotificationsPage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit NotificationsPage(QWidget* parent = nullptr);

    void apply() override;
    void revert() override;

    // Stored in QSettings (nothing secret); on unless switched off.
    static bool notifyOnHandoff();
    static void setNotifyOnHandoff(bool on);

    // "desktop notifications (GNOME Shell)", "system tray", "none available" (DesktopAlerts).
    void setOfferText(const QString& offer);

protected:
    QString snapshot() const override;

private:
    QCheckBox* m_notify;
    QLabel* m_offer;
};

} // namespace zapito
