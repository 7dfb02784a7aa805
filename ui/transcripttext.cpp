// SPDX-License-Identifier: Apache-2.0
#include "transcripttext.h"

#include "contacttitle.h"
#include "durationtext.h"
#include "inboxroles.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QDateTime>
#include <QLocale>

namespace zapito {

TranscriptText::TranscriptText()
    : m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{}

void TranscriptText::setNames(const QString& customer, const QString& bot)
{
    m_customer = customer;
    m_bot = bot;
}

QString TranscriptText::sender(const QModelIndex& index) const
{
    switch (index.data(TranscriptRoles::RoleRole).value<MessageRole>()) {
    case MessageRole::User:
        return m_customer.isEmpty() ? tr("Customer") : m_customer;
    case MessageRole::Assistant:
        return m_bot.isEmpty() ? tr("Bot") : m_bot;
    case MessageRole::Operator: {
        const QString author = index.data(TranscriptRoles::AuthorRole).toString();
        if (index.data(TranscriptRoles::IsNoteRole).toBool())
            return author.isEmpty() ? tr("Note") : tr("Note by %1").arg(isolated(author));
        return author.isEmpty() ? tr("Operator") : author;
    }
    }
    return {};
}

QString TranscriptText::content(const QModelIndex& index)
{
    return index.data(TranscriptRoles::ContentRole).toString();
}

QString TranscriptText::time(const QModelIndex& index)
{
    return ui::clockTime(index.data(TranscriptRoles::AtMsRole).toLongLong());
}

QString TranscriptText::dayText(QDate day) const
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock()).toLocalTime().date();
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

QDate TranscriptText::dayOf(const QModelIndex& index)
{
    return QDateTime::fromMSecsSinceEpoch(index.data(TranscriptRoles::AtMsRole).toLongLong())
        .toLocalTime()
        .date();
}

bool TranscriptText::startsDay(const QModelIndex& index)
{
    return index.row() == 0 || dayOf(index.siblingAtRow(index.row() - 1)) != dayOf(index);
}

QString TranscriptText::sendStateText(SendState state)
{
    switch (state) {
    case SendState::None:
        return {};
    case SendState::Pending:
        return tr("Sending…");
    case SendState::Sent:
        return tr("Sent");
    case SendState::Failed:
        return tr("Not sent");
    }
    return {};
}

QString TranscriptText::handoffTitle(HandoffReason reason)
{
    return tr("Handed to a human · %1").arg(handoffReasonText(reason));
}

QString TranscriptText::webhookOutcome(DeliveryOutcome outcome, int attempts)
{
    return tr("Webhook: %1").arg(ui::deliveryOutcomeText(outcome, attempts));
}

QString TranscriptText::resolvedLine(qint64 resolvedAtMs, const QString& resolvedBy, qint64 nowMs)
{
    const QString when = ui::messageTime(resolvedAtMs, nowMs);
    return resolvedBy.isEmpty() ? tr("Resolved %1").arg(when)
                                : tr("Resolved by %1 · %2").arg(isolated(resolvedBy), when);
}

QString TranscriptText::attemptKind(const QString& kind)
{
    if (kind == QLatin1String("first"))
        return tr("First try");
    if (kind == QLatin1String("retry"))
        return tr("Retry");
    if (kind == QLatin1String("resend"))
        return tr("Resent");
    return kind;
}

QString TranscriptText::attemptResult(const DeliveryAttempt& a)
{
    if (a.error.isEmpty())
        return tr("HTTP %1").arg(a.httpStatus);
    // The error may be the endpoint's own words (a reason phrase), so it is isolated; when it
    // already starts with the status ("HTTP 500 Internal Server Error") it is not said twice.
    const QString error = isolated(a.error);
    if (a.httpStatus <= 0 || a.error.startsWith(QStringLiteral("HTTP %1").arg(a.httpStatus)))
        return error;
    return tr("HTTP %1 · %2").arg(a.httpStatus).arg(error);
}

QString TranscriptText::attemptLine(const DeliveryAttempt& a, qint64 nowMs)
{
    // One arg() call: a "%4" in the error is not filled in.
    return tr("%1 · %2 · %3 · %4")
        .arg(ui::messageTime(a.attemptedAtMs, nowMs), attemptKind(a.kind), attemptResult(a),
             ui::durationText(a.durationMs));
}

QString TranscriptText::noAttempts()
{
    return tr("No attempts yet.");
}

QString TranscriptText::readingAttempts()
{
    return tr("Reading the attempts…");
}

QString TranscriptText::showAttemptsLabel(bool shown)
{
    return shown ? tr("Hide attempts") : tr("Show attempts");
}

QString TranscriptText::retryLabel()
{
    return tr("Retry");
}

QString TranscriptText::retryToolTip()
{
    return tr("Send this message to the customer again");
}

QString TranscriptText::resendLabel(DeliveryOutcome outcome)
{
    return outcome == DeliveryOutcome::Pending ? tr("Send now") : tr("Resend");
}

QString TranscriptText::resendToolTip(DeliveryOutcome outcome)
{
    return outcome == DeliveryOutcome::Pending
               ? tr("Send this handoff to the webhook now instead of at its next try")
               : tr("Post this handoff to the webhook again");
}

QString TranscriptText::sampleResendToolTip()
{
    return tr("This is a sample conversation: its handoffs never reach a real endpoint, so there is "
              "nothing to resend.");
}

QString TranscriptText::sampleReplyToolTip()
{
    return tr("This is a sample conversation: it never reaches a real customer, so a reply cannot be "
              "sent.");
}

QString TranscriptText::accessibleText(const QModelIndex& index) const
{
    using namespace TranscriptRoles;
    QString spoken = tr("%1, %2: %3").arg(isolated(sender(index)), time(index), isolated(content(index)));
    const auto state = index.data(SendStateRole).value<SendState>();
    if (state == SendState::Failed) {
        const QString error = index.data(SendErrorRole).toString();
        spoken += u' ' + (error.isEmpty() ? tr("Not sent.") : tr("Not sent: %1.").arg(isolated(error)));
    } else if (state == SendState::Pending) {
        spoken += u' ' + sendStateText(state);
    }
    if (index.data(HandoffEventIdRole).toLongLong() != 0) {
        const auto outcome = index.data(DeliveryOutcomeRole).value<DeliveryOutcome>();
        const int attempts = index.data(DeliveryAttemptCountRole).toInt();
        spoken += u' ' + handoffTitle(index.data(HandoffReasonRole).value<HandoffReason>()) + u'.';
        spoken += u' ' + webhookOutcome(outcome, attempts) + u'.';
        const qint64 resolvedAt = index.data(HandoffResolvedAtMsRole).toLongLong();
        if (resolvedAt > 0)
            spoken +=
                u' ' + resolvedLine(resolvedAt, index.data(HandoffResolvedByRole).toString(), now()) + u'.';
    }
    return spoken;
}

QString TranscriptText::copyText(const QModelIndexList& rows) const
{
    if (rows.size() == 1)
        return content(rows.constFirst());
    QStringList lines;
    lines.reserve(rows.size());
    const qint64 nowMs = now();
    for (const QModelIndex& index : rows)
        lines << tr("%1, %2: %3")
                     .arg(sender(index),
                          ui::messageTime(index.data(TranscriptRoles::AtMsRole).toLongLong(), nowMs),
                          content(index));
    return lines.join(u'\n');
}

} // namespace zapito
