// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QListWidget;
class QMessageBox;
class QPushButton;
class QStackedWidget;

namespace zapito {

class SettingsPage;

// Settings as a list of pages (Integrations, Channels, Bot, Notifications, …), saved the same
// way on every page: OK stores every page's changes and closes, Apply stores them and stays,
// Cancel (or closing the window, or Escape) asks "Discard changes?" when there are any. Pages
// that are SettingsPages take part; any other page is shown as it is. Each page sits in a
// scroll area, so a large font or a long translation scrolls instead of clipping.
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
    // Whether any page has changes not stored yet.
    bool hasChanges() const;
    // The "Discard changes?" question while it is open (for tests), else null.
    QMessageBox* discardQuestion() const { return m_discard; }

    // Stores every page's changes; `done` runs once all are stored (not when one fails: that
    // page is shown with its reason).
    void applyChanges(std::function<void()> done = {});

public slots:
    void accept() override;
    void reject() override;

signals:
    // Every page's changes were stored (after Apply or OK).
    void applied();

private:
    QList<SettingsPage*> pages() const;
    void updateButtons();
    void askToDiscard();
    void discardAndClose();

    QListWidget* m_list;
    QStackedWidget* m_pages;
    QDialogButtonBox* m_buttons;
    QPushButton* m_ok;
    QPushButton* m_apply;
    QPushButton* m_cancel;
    QMessageBox* m_discard = nullptr;
    int m_outstanding = 0;
};

} // namespace zapito
