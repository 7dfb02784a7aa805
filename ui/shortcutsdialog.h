// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QAction;

namespace zapito {

// A task and its keys: the actions' own shortcuts (read from them, so the list cannot drift
// from what the keys do) and keys that belong to a widget, as (keys, what they do).
struct ShortcutGroup
{
    QString task;
    QList<QAction*> actions;
    QList<QPair<QString, QString>> fixed;
};

// Help → Keyboard shortcuts, grouped by task: every key of every action, single keys included.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<ShortcutGroup>& groups, QWidget* parent = nullptr);
};

} // namespace zapito
