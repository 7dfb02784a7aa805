// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "savedreplies.h"

#include "settingspage.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace zapito {

// Settings → Saved replies: the canned answers the reply box inserts for "/" and a name. Edits
// stay on the page until applied; apply() stores them (names cleaned, empty ones dropped) and
// revert() reads the stored list again, so the dialog's save model decides when.
class SavedRepliesPage final : public SettingsPage
{
    Q_OBJECT
public:
    // `replies` null: the application's settings.
    explicit SavedRepliesPage(SavedReplies* replies = nullptr, QWidget* parent = nullptr);

    bool isModified() const { return m_modified; }
    bool hasChanges() const override { return m_modified; }
    void apply() override;
    void revert() override;
    QList<SavedReply> edited() const { return m_edited; }

signals:
    void modifiedChanged(bool modified);

protected:
    QString snapshot() const override { return {}; } // hasChanges() follows the edits instead

private:
    void showRow(int row);
    void addReply();
    void removeReply();
    void editCurrent();
    void setModified(bool modified);
    QString itemText(const SavedReply& reply) const;

    SavedReplies* m_replies;
    QList<SavedReply> m_edited;
    QListWidget* m_list;
    QLineEdit* m_name;
    QPlainTextEdit* m_text;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_status;
    bool m_modified = false;
    bool m_showing = false;
};

} // namespace zapito
