// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace zapito {

// A handoff shown in the transcript where it happened: the reason in words, the webhook's
// outcome, the delivery attempts on demand and a Resend button; later, who resolved it.
class HandoffCard final : public QFrame
{
    Q_OBJECT
public:
    struct State
    {
        qint64 eventId = 0;
        HandoffReason reason = HandoffReason::Handoff;
        DeliveryOutcome outcome = DeliveryOutcome::Pending;
        int attempts = 0;
        qint64 resolvedAtMs = 0;
        QString resolvedBy;
    };

    explicit HandoffCard(QWidget* parent = nullptr);

    void setState(const State& state, qint64 nowMs);
    const State& state() const { return m_state; }
    void setResendAvailable(bool available);
    // Shows the attempts (time, status or error) under the outcome.
    void showAttempts(const QList<DeliveryAttempt>& attempts, qint64 nowMs);
    void showAttemptsError(const QString& error);

signals:
    void attemptsRequested(qint64 handoffEventId);
    void resendRequested(qint64 handoffEventId);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    State m_state;
    bool m_resendAvailable = false;
    QLabel* m_title;
    QLabel* m_outcome;
    QLabel* m_attempts;
    QLabel* m_resolved;
    QPushButton* m_attemptsButton;
    QPushButton* m_resendButton;
};

} // namespace zapito
