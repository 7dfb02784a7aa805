// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QWidget>

class QLabel;

namespace zapito {

// A page of Settings that saves the way every page does: through the dialog's OK, Apply and
// Cancel. The page says whether its form differs from what is stored, stores it on apply()
// (which may finish later: secrets are written in the background) and puts the stored values
// back on revert(). A status line under the form ("Saved.", why not) is cleared as soon as any
// watched field changes, so it never describes a form that is no longer there.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(QWidget* parent = nullptr);

    // True once the stored values (secrets arrive asynchronously) are in the form.
    virtual bool isLoaded() const { return true; }
    // Whether the form differs from what was loaded or last stored (by default: its snapshot()
    // differs from the one markStored() took).
    virtual bool hasChanges() const;
    // Validates and stores the form; ends with applied(true), or applied(false) with the reason
    // shown on the page. A page without changes applies at once.
    virtual void apply() = 0;
    // Reads the stored values into the form again, dropping its edits.
    virtual void revert() = 0;

signals:
    // hasChanges() may have changed.
    void changesChanged();
    void applied(bool ok);
    // apply() stored the form (finishApply() with no error).
    void saved();

protected:
    // Every field that makes up the form, in one string: what hasChanges() compares.
    virtual QString snapshot() const = 0;
    // What is in the form now is what is stored (after loading, after saving).
    void markStored();
    // Clears the status line and says the form changed whenever `field` changes (line edits,
    // text boxes, check boxes, combo and spin boxes, tables).
    void watch(QWidget* field);
    // The status line: the form's own, under its fields.
    QLabel* statusLabel() const { return m_status; }
    void setStatus(const QString& text, bool error = false);
    // The end of an apply(): with an `error`, "Not saved: ‹error›" and applied(false); without,
    // the form is what is stored, `savedText` shows ("Saved." when empty), and saved() and
    // applied(true) are emitted.
    void finishApply(const QString& error, const QString& savedText = {});
    // A field changed: the status line goes, and the dialog hears about it.
    void edited();

private:
    QLabel* m_status;
    QString m_stored;
    bool m_storedOnce = false;
};

} // namespace zapito
