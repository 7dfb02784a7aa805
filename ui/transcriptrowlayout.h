// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bubblelayout.h"
#include "handoffcardlayout.h"
#include "transcriptmetrics.h"

#include <memory>
#include <optional>

namespace zapito {

// One row of the transcript measured for a width, top to bottom: a day separator where the day
// changes, the message bubble, and under a handoff message its card. Built once per row and
// width, then painted and hit-tested as often as needed without laying text out again.
class TranscriptRowLayout final
{
public:
    struct Content
    {
        QString dayText; // empty: the day is the one of the row above
        BubbleLayout::Content bubble;
        std::optional<HandoffCardLayout::Content> card;
    };
    struct PaintState
    {
        bool selected = false;
        bool focused = false; // the current row of a view that has the keyboard focus
        HandoffCardLayout::Button hovered = HandoffCardLayout::Button::None;
        HandoffCardLayout::Button pressed = HandoffCardLayout::Button::None;
    };

    static std::unique_ptr<TranscriptRowLayout> build(const Content& content, const transcript::Fonts& fonts,
                                                      int width, const QWidget* widget);

    // Paints with the row's top-left corner at the painter's origin.
    void paint(QPainter* painter, const QPalette& palette, const transcript::Fonts& fonts,
               const PaintState& state, const QWidget* widget) const;

    int width() const { return m_width; }
    int height() const { return m_height; }
    const QString& dayText() const { return m_dayText; }
    QRect dayRect() const { return m_dayRect; }
    const BubbleLayout& bubble() const { return m_bubble; }
    const HandoffCardLayout* card() const { return m_card ? &*m_card : nullptr; }

private:
    int m_width = 0;
    int m_height = 0;
    QString m_dayText;
    QRect m_dayRect;
    BubbleLayout m_bubble;
    std::optional<HandoffCardLayout> m_card;
};

} // namespace zapito
