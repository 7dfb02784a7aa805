// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QCheckBox;

namespace zapito {

// Settings → Notifications: whether a new handoff shows a desktop notification.
class NotificationsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit NotificationsPage(QWidget* parent = nullptr);

    // Stored in QSettings (nothing secret); on unless switched off.
    static bool notifyOnHandoff();
    static void setNotifyOnHandoff(bool on);

private:
    QCheckBox* m_notify;
};

} // namespace zapito
