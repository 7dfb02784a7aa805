// SPDX-License-Identifier: Apache-2.0
#include "creditbudget.h"

#include "channelstate.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBudget, "zapito.agent.budget")

namespace zapito {

CreditBudget::CreditBudget(ChannelState& state, QObject* parent)
    : QObject(parent)
    , m_state(state)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{}

QString CreditBudget::currentKey() const
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock(), Qt::UTC);
    return QStringLiteral("agent.model_replies.") + now.toString(QStringLiteral("yyyy-MM"));
}

int CreditBudget::usedThisMonth() const
{
    return m_state.value(currentKey(), QStringLiteral("0")).toInt();
}

void CreditBudget::spendOne()
{
    // One statement: the leader and a standby taking over (or two processes in the same month)
    // never count one reply where there were two.
    const auto used = m_state.addTo(currentKey(), 1);
    if (!used) {
        qCWarning(lcBudget) << "cannot store the model reply count:" << used.error();
        emit usedChanged(usedThisMonth());
        return;
    }
    emit usedChanged(int(*used));
}

} // namespace zapito
