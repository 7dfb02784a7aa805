// SPDX-License-Identifier: Apache-2.0
#include "singlekeyshortcuts.h"

#include <QAction>

namespace zapito {

SingleKeyShortcuts::SingleKeyShortcuts(QObject* parent)
    : QObject(parent)
{}

void SingleKeyShortcuts::add(QAction* action, const QKeySequence& key)
{
    m_bindings.append({action, action->shortcuts(), key});
    apply(m_bindings.constLast());
}

void SingleKeyShortcuts::setEnabled(bool on)
{
    m_enabled = on;
    for (const Binding& b : std::as_const(m_bindings))
        apply(b);
}

void SingleKeyShortcuts::apply(const Binding& b) const
{
    if (!b.action)
        return;
    QList<QKeySequence> keys = b.own;
    // The action's own shortcut first: menus show the first one.
    if (m_enabled)
        keys.append(b.key);
    b.action->setShortcuts(keys);
}

} // namespace zapito
