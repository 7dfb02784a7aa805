// SPDX-License-Identifier: Apache-2.0
#include "notificationspage.h"

#include "uistyle.h"

#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace zapito {

namespace {
const QString kNotifyKey = QStringLiteral("notifications/onHandoff");
}

NotificationsPage::NotificationsPage(QWidget* parent)
    : SettingsPage(parent)
    , m_notify(new QCheckBox(tr("Show a desktop notification when a conversation needs a human"), this))
    , m_offer(ui::plainLabel(QString(), this))
{
    setObjectName(QStringLiteral("notificationsPage"));
    m_notify->setObjectName(QStringLiteral("notifyOnHandoffCheck"));
    m_notify->setChecked(notifyOnHandoff());
    watch(m_notify);

    auto* column = new QVBoxLayout(this);
    auto* heading = ui::plainLabel(tr("Notifications"), this);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    heading->setFont(f);
    column->addWidget(heading);
    column->addSpacing(8);
    column->addWidget(m_notify);
    m_offer->setObjectName(QStringLiteral("notificationOfferLabel"));
    m_offer->setWordWrap(true);
    m_offer->hide();
    column->addWidget(m_offer);
    column->addWidget(statusLabel());
    column->addStretch();
    markStored();
}

QString NotificationsPage::snapshot() const
{
    return m_notify->isChecked() ? QStringLiteral("on") : QStringLiteral("off");
}

void NotificationsPage::apply()
{
    setNotifyOnHandoff(m_notify->isChecked());
    markStored();
    emit applied(true);
}

void NotificationsPage::revert()
{
    m_notify->setChecked(notifyOnHandoff());
    markStored();
}

void NotificationsPage::setOfferText(const QString& offer)
{
    m_offer->setText(tr("Notifications: %1").arg(offer));
    m_offer->show();
}

bool NotificationsPage::notifyOnHandoff()
{
    return QSettings().value(kNotifyKey, true).toBool();
}

void NotificationsPage::setNotifyOnHandoff(bool on)
{
    QSettings().setValue(kNotifyKey, on);
}

} // namespace zapito
