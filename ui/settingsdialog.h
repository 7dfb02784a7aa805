// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QListWidget;
class QStackedWidget;

namespace zapito {

// Settings as a list of pages (Integrations, Channels, Bot, Notifications, …). Features add
// their page with addPage(); each page saves its own fields (with its own validation), so the
// dialog only switches between them and closes.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    // The dialog takes ownership of `page`; its objectName identifies it for showPage().
    void addPage(QWidget* page, const QIcon& icon, const QString& title);
    // Shows the page with this objectName; false (and nothing changes) when there is none.
    bool showPage(const QString& objectName);
    QWidget* currentPage() const;
    QWidget* page(const QString& objectName) const;

private:
    QListWidget* m_list;
    QStackedWidget* m_pages;
};

} // namespace zapito
