// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;

namespace zapito {

// Single-key triage as in Front and Gmail (J, K, R, E, A, /): each key is one more shortcut of an
// action the window already has, on or off as a whole. Text fields take printable keys before
// shortcuts do (they accept the ShortcutOverride), so typing never triggers one.
class SingleKeyShortcuts final : public QObject
{
    Q_OBJECT
public:
    explicit SingleKeyShortcuts(QObject* parent = nullptr);

    // Adds `key` to the action's shortcuts while enabled; the ones it has now always stay.
    void add(QAction* action, const QKeySequence& key);
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }

private:
    struct Binding
    {
        QPointer<QAction> action;
        QList<QKeySequence> own;
        QKeySequence key;
    };
    void apply(const Binding& binding) const;

    QList<Binding> m_bindings;
    bool m_enabled = true;
};

} // namespace zapito
