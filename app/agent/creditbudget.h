// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace zapito {

class ChannelState;

// The local budget of model replies per calendar month (UTC). The count lives in the inbox
// database, so it survives restarts and the command line sees the same number.
class CreditBudget final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // UTC milliseconds since the epoch

    explicit CreditBudget(ChannelState& state, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(CreditBudget)

    void setClock(Clock clock) { m_clock = std::move(clock); }
    // 0 means no local limit.
    void setMonthlyLimit(int limit) { m_limit = limit; }
    int monthlyLimit() const { return m_limit; }

    int usedThisMonth() const;
    bool isExhausted() const { return m_limit > 0 && usedThisMonth() >= m_limit; }
    // Counts one model reply against this month.
    void spendOne();

    // The channel_state key of the current month's counter, e.g. agent.model_replies.2026-07.
    QString currentKey() const;

signals:
    void usedChanged(int usedThisMonth);

private:
    ChannelState& m_state;
    Clock m_clock;
    int m_limit = 0;
};

} // namespace zapito
