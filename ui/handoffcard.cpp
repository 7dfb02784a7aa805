// SPDX-License-Identifier: Apache-2.0
#include "handoffcard.h"

#include "contacttitle.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace zapito {

HandoffCard::HandoffCard(QWidget* parent)
    : QFrame(parent)
    , m_title(ui::plainLabel(QString(), this))
    , m_outcome(ui::plainLabel(QString(), this, true))
    , m_attempts(ui::plainLabel(QString(), this, true))
    , m_resolved(ui::plainLabel(QString(), this))
    , m_attemptsButton(new QPushButton(tr("Show attempts"), this))
    , m_resendButton(new QPushButton(tr("Resend"), this))
{
    setObjectName(QStringLiteral("handoffCard"));
    m_title->setObjectName(QStringLiteral("handoffTitle"));
    m_outcome->setObjectName(QStringLiteral("handoffOutcome"));
    m_attempts->setObjectName(QStringLiteral("handoffAttempts"));
    m_resolved->setObjectName(QStringLiteral("handoffResolved"));
    m_attemptsButton->setObjectName(QStringLiteral("showAttemptsButton"));
    m_resendButton->setObjectName(QStringLiteral("resendButton"));
    m_resendButton->setToolTip(tr("Post this handoff to the webhook again"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_attempts->setVisible(false);
    m_attempts->setWordWrap(true);
    m_outcome->setWordWrap(true);
    m_resolved->setVisible(false);
    for (QPushButton* b : {m_attemptsButton, m_resendButton})
        b->setCursor(Qt::PointingHandCursor);

    connect(m_attemptsButton, &QPushButton::clicked, this, [this] {
        if (m_attempts->isVisible()) {
            m_attempts->hide();
            m_attemptsButton->setText(tr("Show attempts"));
            return;
        }
        emit attemptsRequested(m_state.eventId);
    });
    connect(m_resendButton, &QPushButton::clicked, this, [this] { emit resendRequested(m_state.eventId); });

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_outcome, 1);
    buttons->addWidget(m_attemptsButton);
    buttons->addWidget(m_resendButton);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(14, 10, 14, 10);
    column->setSpacing(4);
    column->addWidget(m_title);
    column->addLayout(buttons);
    column->addWidget(m_attempts);
    column->addWidget(m_resolved);
}

void HandoffCard::setState(const State& state, qint64 nowMs)
{
    m_state = state;
    m_title->setText(tr("Handed to a human · %1").arg(handoffReasonText(state.reason)));
    m_outcome->setText(tr("Webhook: %1").arg(ui::deliveryOutcomeText(state.outcome, state.attempts)));
    QPalette outcomePalette = palette();
    if (state.outcome == DeliveryOutcome::Failed)
        outcomePalette.setColor(QPalette::WindowText, ui::errorText(outcomePalette));
    else if (state.outcome == DeliveryOutcome::Sent)
        outcomePalette.setColor(QPalette::WindowText, ui::isDark(outcomePalette) ? QColor(0x81, 0xC9, 0x95)
                                                                                 : QColor(0x1E, 0x7E, 0x34));
    m_outcome->setPalette(outcomePalette);
    m_attemptsButton->setVisible(state.attempts > 0);
    if (state.resolvedAtMs > 0) {
        m_resolved->setText(
            state.resolvedBy.isEmpty()
                ? tr("Resolved %1").arg(ui::messageTime(state.resolvedAtMs, nowMs))
                : tr("Resolved by %1 · %2")
                      .arg(isolated(state.resolvedBy), ui::messageTime(state.resolvedAtMs, nowMs)));
        m_resolved->show();
    } else {
        m_resolved->hide();
    }
    setResendAvailable(m_resendAvailable);
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, ui::reasonColor(state.reason, palette()));
    m_title->setPalette(pal);
    update();
}

void HandoffCard::setResendAvailable(bool available)
{
    m_resendAvailable = available;
    // One that ended (sent, failed, skipped) is sent again; one still owed (waiting for its retry,
    // or for a secret that cannot be read right now) is sent now instead of later.
    m_resendButton->setVisible(available);
    const bool owed = m_state.outcome == DeliveryOutcome::Pending;
    m_resendButton->setText(owed ? tr("Send now") : tr("Resend"));
    m_resendButton->setToolTip(owed ? tr("Send this handoff to the webhook now instead of at its next try")
                                    : tr("Post this handoff to the webhook again"));
}

void HandoffCard::showAttempts(const QList<DeliveryAttempt>& attempts, qint64 nowMs)
{
    QStringList lines;
    for (const DeliveryAttempt& a : attempts) {
        // The error may be the endpoint's own words (a reason phrase).
        const QString error = isolated(a.error);
        const QString result = a.error.isEmpty()  ? tr("HTTP %1").arg(a.httpStatus)
                               : a.httpStatus > 0 ? tr("HTTP %1 · %2").arg(a.httpStatus).arg(error)
                                                  : error;
        // One arg() call: a "%4" in the error is not filled in.
        lines << tr("%1 · %2 · %3 · %4 ms")
                     .arg(ui::messageTime(a.attemptedAtMs, nowMs), a.kind, result,
                          QString::number(a.durationMs));
    }
    m_attempts->setText(lines.isEmpty() ? tr("No attempts yet.") : lines.join(u'\n'));
    m_attempts->show();
    m_attemptsButton->setText(tr("Hide attempts"));
}

void HandoffCard::showAttemptsError(const QString& error)
{
    m_attempts->setText(error);
    m_attempts->show();
}

void HandoffCard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor accent = ui::reasonColor(m_state.reason, palette());
    QColor fill = accent;
    fill.setAlphaF(0.08f);
    QColor border = accent;
    border.setAlphaF(0.45f);
    p.setPen(QPen(border, 1));
    p.setBrush(fill);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    p.setPen(Qt::NoPen);
    p.setBrush(accent);
    p.drawRoundedRect(QRectF(0, 0, 4, height()), 2, 2);
}

} // namespace zapito
