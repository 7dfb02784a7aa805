// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "textblock.h"
#include "transcriptmetrics.h"

#include <QColor>
#include <QList>
#include <QRect>
#include <QStringList>

#include <vector>

class QPainter;
class QPalette;
class QWidget;

namespace zapito {

// A handoff shown in the transcript under the message that opened it, measured for a row width:
// the reason in words, the webhook's outcome beside the Show attempts and Resend buttons, the
// attempts as a small table when asked for, and who resolved it. The card takes the colour of
// the delivery's outcome (sent, failed, skipped, pending): what an operator scans for is whether
// the lead got through; the reason is in the title's words. The buttons are only painted; the
// delegate hit-tests them with buttonAt() and acts on the click.
class HandoffCardLayout final
{
public:
    enum class Button
    {
        None,
        Attempts,
        Resend,
        Retry, // a failed message's Retry link, in its bubble
    };

    // One delivery attempt as a row of the table.
    struct AttemptRow
    {
        QString time;
        QString kind;
        QString result; // "HTTP 200", "HTTP 500 Internal Server Error", "Connection refused"
        QString duration;
        bool ok = false; // a 2xx answer
    };

    struct Content
    {
        qint64 eventId = 0;
        HandoffReason reason = HandoffReason::Handoff;
        DeliveryOutcome outcome = DeliveryOutcome::Pending;
        QString title;
        QString outcomeText;
        QList<AttemptRow> attempts; // shown as a table
        QStringList details;        // "Reading the attempts…", "No attempts yet.", or why not read
        QString resolved;           // empty while open
        QString attemptsButton;     // empty: no button (nothing was attempted yet)
        QString resendButton;       // empty: no button (no dispatcher to ask)
        bool resendEnabled = true;  // false: drawn disabled (a sample conversation's card)
    };

    // Laid out with its top at `top`, inside a row `rowWidth` wide. `widget` gives the style that
    // sizes and draws the buttons.
    static HandoffCardLayout build(const Content& content, const transcript::Fonts& fonts, int rowWidth,
                                   int top, const QWidget* widget);

    // The card's colour for an outcome, readable on `palette`: green sent, red failed, grey
    // skipped, amber pending.
    static QColor outcomeColor(DeliveryOutcome outcome, const QPalette& palette);

    void paint(QPainter* painter, const QPalette& palette, const transcript::Fonts& fonts, Button hovered,
               Button pressed, const QWidget* widget) const;

    const Content& content() const { return m_content; }
    QRect rect() const { return m_rect; }
    QRect buttonRect(Button button) const;
    // The webhook's outcome as laid out: beside the buttons while it fits on one line there.
    const TextBlock& outcome() const { return m_outcome; }
    QRect outcomeRect() const { return QRect(m_outcomeAt, QSize(m_outcome.width(), m_outcome.height())); }
    Button buttonAt(const QPoint& point) const;
    // The attempts table's cells as laid out, header first (empty while no table is shown).
    int tableRowCount() const { return int(m_cells.size()) / kColumns; }
    QRect tableRect() const { return m_tableRect; }
    // Everything the card says, top to bottom: title, outcome, the attempts (one line each,
    // "time · kind · result · duration"), details, resolved.
    QStringList lines() const;

private:
    static constexpr int kColumns = 4;
    struct Cell
    {
        TextBlock text;
        QPoint at;
    };

    Content m_content;
    QRect m_rect;
    TextBlock m_title;
    QPoint m_titleAt;
    TextBlock m_outcome;
    QPoint m_outcomeAt;
    std::vector<Cell> m_cells; // the table, row by row, kColumns a row; the header first
    QRect m_tableRect;
    std::vector<TextBlock> m_details;
    std::vector<QPoint> m_detailsAt;
    TextBlock m_resolved;
    QPoint m_resolvedAt;
    QRect m_attemptsButton;
    QRect m_resendButton;
};

} // namespace zapito
