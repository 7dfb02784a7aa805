// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QCoreApplication>
#include <QDate>
#include <QModelIndexList>
#include <QString>

#include <functional>

namespace zapito {

// The words of the transcript, in one place: what a bubble, a day separator and a handoff card
// say, what a screen reader reads for a row and what Copy puts on the clipboard. The painting
// delegate, the copy action and the tests all ask here, so they never disagree.
class TranscriptText final
{
    Q_DECLARE_TR_FUNCTIONS(TranscriptText)
public:
    using Clock = std::function<qint64()>;

    TranscriptText();

    void setNames(const QString& customer, const QString& bot);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    // Who wrote the row: the contact's title, the bot's name, the operator's name ("Customer",
    // "Bot", "Operator" when unknown); "Note by ‹operator›" on an internal note.
    QString sender(const QModelIndex& index) const;
    static QString content(const QModelIndex& index);
    // Hours and minutes; the day is on the separator above.
    static QString time(const QModelIndex& index);
    // "Today", "Yesterday", or the date as the locale writes it.
    QString dayText(QDate day) const;
    static QDate dayOf(const QModelIndex& index);
    // The first row, and every row whose day is not the one of the row above it.
    static bool startsDay(const QModelIndex& index);

    // A message we wrote: "Sending…", "Sent", "Not sent"; empty for a customer's.
    static QString sendStateText(SendState state);
    // The link on a failed send, and what it does.
    static QString retryLabel();
    static QString retryToolTip();

    // The handoff card.
    static QString handoffTitle(HandoffReason reason);
    static QString webhookOutcome(DeliveryOutcome outcome, int attempts);
    static QString resolvedLine(qint64 resolvedAtMs, const QString& resolvedBy, qint64 nowMs);
    // One attempt in a line, "14:02 · Retry · HTTP 500 Internal Server Error · 0.2 s", or its
    // parts for the card's table: what kind of try, what came back.
    static QString attemptLine(const DeliveryAttempt& attempt, qint64 nowMs);
    static QString attemptKind(const QString& kind);
    static QString attemptResult(const DeliveryAttempt& attempt);
    static QString noAttempts();
    static QString readingAttempts();
    static QString showAttemptsLabel(bool shown);
    // One that ended (sent, failed, skipped) is sent again; one still owed (waiting for its
    // retry, or for a secret that cannot be read right now) is sent now instead of later.
    static QString resendLabel(DeliveryOutcome outcome);
    static QString resendToolTip(DeliveryOutcome outcome);
    // Why a sample conversation's Resend is disabled, and its reply box.
    static QString sampleResendToolTip();
    static QString sampleReplyToolTip();

    // What a screen reader reads: "Maria, 10:42: Can I talk to a person?", then the send state
    // or the handoff card. Names and messages are isolated inside our sentence.
    QString accessibleText(const QModelIndex& index) const;
    // One message: its text exactly as stored. Several (in the order given): one line each,
    // "Maria, Yesterday 10:42: text", so a pasted excerpt says who said what and when.
    QString copyText(const QModelIndexList& rows) const;

private:
    QString m_customer;
    QString m_bot;
    Clock m_clock;
};

} // namespace zapito
