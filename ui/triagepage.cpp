// SPDX-License-Identifier: Apache-2.0
#include "triagepage.h"

#include "triagesettings.h"
#include "uistyle.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace zapito {

TriagePage::TriagePage(QWidget* parent)
    : SettingsPage(parent)
    , m_singleKeys(
          new QCheckBox(tr("Single-key shortcuts (J, K, R, E, A, /) in the conversation list"), this))
    , m_waitWarning(new QSpinBox(this))
{
    setObjectName(QStringLiteral("triagePage"));
    m_singleKeys->setObjectName(QStringLiteral("singleKeyShortcutsCheck"));
    m_singleKeys->setChecked(TriageSettings::singleKeyShortcuts());
    m_singleKeys->setToolTip(tr("They never act while you type in a text field."));
    watch(m_singleKeys);

    m_waitWarning->setObjectName(QStringLiteral("waitWarningMinutesSpin"));
    m_waitWarning->setRange(TriageSettings::kMinimumWaitWarningMinutes,
                            TriageSettings::kMaximumWaitWarningMinutes);
    m_waitWarning->setValue(TriageSettings::waitWarningMinutes());
    m_waitWarning->setSuffix(tr(" min"));
    watch(m_waitWarning);

    auto* column = new QVBoxLayout(this);
    auto* heading = ui::plainLabel(tr("Triage"), this);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    heading->setFont(f);
    column->addWidget(heading);
    column->addSpacing(8);
    column->addWidget(m_singleKeys);
    auto* form = new QFormLayout;
    form->addRow(tr("Show a wait as too long after"), m_waitWarning);
    column->addLayout(form);
    auto* note = ui::plainLabel(
        tr("In Needs a human, a conversation that has waited this long for a person shows its waiting "
           "time in the warning colour."),
        this);
    note->setWordWrap(true);
    QPalette muted = note->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
    note->setPalette(muted);
    column->addWidget(note);
    column->addWidget(statusLabel());
    column->addStretch();
    markStored();
}

QString TriagePage::snapshot() const
{
    return QStringLiteral("%1 %2").arg(m_singleKeys->isChecked()).arg(m_waitWarning->value());
}

void TriagePage::apply()
{
    TriageSettings::setSingleKeyShortcuts(m_singleKeys->isChecked());
    TriageSettings::setWaitWarningMinutes(m_waitWarning->value());
    markStored();
    emit applied(true);
    emit changed();
}

void TriagePage::revert()
{
    m_singleKeys->setChecked(TriageSettings::singleKeyShortcuts());
    m_waitWarning->setValue(TriageSettings::waitWarningMinutes());
    markStored();
}

} // namespace zapito
