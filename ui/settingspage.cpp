// SPDX-License-Identifier: Apache-2.0
#include "settingspage.h"

#include "uistyle.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace zapito {

SettingsPage::SettingsPage(QWidget* parent)
    : QWidget(parent)
    , m_status(ui::plainLabel(QString(), this))
{
    m_status->setWordWrap(true);
    m_status->hide();
}

bool SettingsPage::hasChanges() const
{
    return isLoaded() && m_storedOnce && snapshot() != m_stored;
}

void SettingsPage::markStored()
{
    m_stored = snapshot();
    m_storedOnce = true;
    emit changesChanged();
}

void SettingsPage::watch(QWidget* field)
{
    if (auto* line = qobject_cast<QLineEdit*>(field))
        connect(line, &QLineEdit::textChanged, this, &SettingsPage::edited);
    else if (auto* text = qobject_cast<QPlainTextEdit*>(field))
        connect(text, &QPlainTextEdit::textChanged, this, &SettingsPage::edited);
    else if (auto* check = qobject_cast<QCheckBox*>(field))
        connect(check, &QCheckBox::toggled, this, &SettingsPage::edited);
    else if (auto* combo = qobject_cast<QComboBox*>(field))
        connect(combo, &QComboBox::currentIndexChanged, this, &SettingsPage::edited);
    else if (auto* spin = qobject_cast<QSpinBox*>(field))
        connect(spin, &QSpinBox::valueChanged, this, &SettingsPage::edited);
    else if (auto* view = qobject_cast<QAbstractItemView*>(field); view && view->model()) {
        QAbstractItemModel* model = view->model();
        connect(model, &QAbstractItemModel::dataChanged, this, &SettingsPage::edited);
        connect(model, &QAbstractItemModel::rowsInserted, this, &SettingsPage::edited);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &SettingsPage::edited);
        connect(model, &QAbstractItemModel::rowsMoved, this, &SettingsPage::edited);
    }
}

void SettingsPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText, error ? ui::errorText(palette()) : ui::mutedText(palette()));
    m_status->setPalette(pal);
    m_status->setVisible(!text.isEmpty());
}

void SettingsPage::finishApply(const QString& error, const QString& savedText)
{
    if (!error.isEmpty()) {
        setStatus(tr("Not saved: %1").arg(error), true);
        emit applied(false);
        return;
    }
    markStored();
    setStatus(savedText.isEmpty() ? tr("Saved.") : savedText);
    emit saved();
    emit applied(true);
}

void SettingsPage::edited()
{
    setStatus(QString());
    emit changesChanged();
}

} // namespace zapito
