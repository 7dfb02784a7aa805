// SPDX-License-Identifier: Apache-2.0
#include "settingsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace zapito {

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_list->setObjectName(QStringLiteral("settingsPageList"));
    m_list->setIconSize(QSize(20, 20));
    m_list->setFixedWidth(180);
    m_list->setSpacing(2);
    connect(m_list, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("settingsCloseButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* row = new QHBoxLayout;
    row->setSpacing(12);
    row->addWidget(m_list);
    row->addWidget(m_pages, 1);
    auto* column = new QVBoxLayout(this);
    column->addLayout(row, 1);
    column->addWidget(buttons);
    resize(820, 560);
}

void SettingsDialog::addPage(QWidget* page, const QIcon& icon, const QString& title)
{
    page->setParent(m_pages);
    m_pages->addWidget(page);
    auto* item = new QListWidgetItem(icon, title, m_list);
    item->setData(Qt::UserRole, page->objectName());
    item->setSizeHint(QSize(0, 34));
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
}

bool SettingsDialog::showPage(const QString& objectName)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == objectName) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QWidget* SettingsDialog::currentPage() const
{
    return m_pages->currentWidget();
}

QWidget* SettingsDialog::page(const QString& objectName) const
{
    for (int i = 0; i < m_pages->count(); ++i)
        if (m_pages->widget(i)->objectName() == objectName)
            return m_pages->widget(i);
    return nullptr;
}

} // namespace zapito
