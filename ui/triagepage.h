// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "settingspage.h"

class QCheckBox;
class QSpinBox;

namespace zapito {

// Settings → Triage: single-key shortcuts on or off, and after how many minutes a handoff's wait
// is shown in the warning colour. Saved through the dialog's OK / Apply (TriageSettings), and
// announced once stored.
class TriagePage final : public SettingsPage
{
    Q_OBJECT
public:
    explicit TriagePage(QWidget* parent = nullptr);

    void apply() override;
    void revert() override;

signals:
    void changed();

protected:
    QString snapshot() const override;

private:
    QCheckBox* m_singleKeys;
    QSpinBox* m_waitWarning;
};

} // namespace zapito
