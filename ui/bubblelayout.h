// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "textblock.h"
#include "transcriptmetrics.h"

#include <QColor>
#include <QRect>
#include <QString>

class QPainter;
class QPalette;

namespace zapito {

// One message bubble measured for a row width: the sender and the time on one line, the text
// wrapped below. The customer's bubbles sit on the left, the bot's and the operators' on the
// right; a bubble is as narrow as its text allows and never wider than about three quarters of
// the row. A message we wrote carries its send state as a small mark after the time, and a failed
// one a Retry link. An internal note is set apart: an amber box with a border in the middle of
// the row, "Note by ‹operator›" on top, and no send state (it is never sent).
class BubbleLayout final
{
public:
    struct Content
    {
        MessageRole role = MessageRole::User;
        QString sender;
        QString time;
        QString text;
        SendState sendState = SendState::None;
        bool note = false;
        QString retryText; // the link after "Not sent"; empty for none
    };

    // Laid out with its top at `top`, inside a row `rowWidth` wide.
    static BubbleLayout build(const Content& content, const transcript::Fonts& fonts, int rowWidth, int top);

    void paint(QPainter* painter, const QPalette& palette, const transcript::Fonts& fonts) const;
    // The widest the text may be in a row `rowWidth` wide; it wraps beyond.
    static int maxTextWidth(int rowWidth);
    // A note's amber, in the transcript and in the reply box's note mode alike.
    static QColor noteColor(const QPalette& palette);
    static QColor fillColor(const Content& content, const QPalette& palette);

    const Content& content() const { return m_content; }
    QRect rect() const { return m_rect; }
    // Where the message text is drawn: a text editor put here shows it in the same place.
    QRect textRect() const { return m_textRect; }
    // The send-state mark and its words, for the tooltip with the reason a send failed.
    QRect sendStateRect() const { return m_stateRect; }
    QRect timeRect() const { return m_timeRect; }
    // The Retry link of a failed send; empty when there is none.
    QRect retryRect() const { return m_retryRect; }
    // The sender as drawn: elided when the bubble is too narrow for the whole name.
    const QString& shownSender() const { return m_shownSender; }
    const TextBlock& text() const { return m_text; }

private:
    Content m_content;
    QString m_shownSender;
    QString m_stateWords; // "Not sent" beside the mark of a failed send; empty otherwise
    TextBlock m_text;
    QRect m_rect;
    QRect m_senderRect;
    QRect m_timeRect;
    QRect m_markRect;
    QRect m_stateWordsRect;
    QRect m_stateRect;
    QRect m_retryRect;
    QRect m_textRect;
};

} // namespace zapito
