// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QAction;

namespace zapito {

// Help → Keyboard shortcuts: every action that has a shortcut, read from the actions
// themselves so the list cannot drift from what the keys do, plus the list's own keys.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
};

} // namespace zapito
