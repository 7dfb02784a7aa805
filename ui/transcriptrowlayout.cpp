// SPDX-License-Identifier: Apache-2.0
#include "transcriptrowlayout.h"

#include "dayseparator.h"
#include "uistyle.h"

#include <QPainter>

namespace zapito {

using namespace transcript;

std::unique_ptr<TranscriptRowLayout> TranscriptRowLayout::build(const Content& content, const Fonts& fonts,
                                                                int width, const QWidget* widget)
{
    auto row = std::make_unique<TranscriptRowLayout>();
    row->m_width = width;
    int y = kRowGap / 2;
    if (!content.dayText.isEmpty()) {
        row->m_dayText = content.dayText;
        row->m_dayRect = QRect(0, y, width, DaySeparator::height(fonts.smallBold));
        y = row->m_dayRect.bottom() + 1;
    }
    row->m_bubble = BubbleLayout::build(content.bubble, fonts, width, y);
    y = row->m_bubble.rect().bottom() + 1;
    if (content.card) {
        row->m_card = HandoffCardLayout::build(*content.card, fonts, width, y + kCardGap, widget);
        y = row->m_card->rect().bottom() + 1;
    }
    row->m_height = y + kRowGap / 2;
    return row;
}

void TranscriptRowLayout::paint(QPainter* p, const QPalette& palette, const Fonts& fonts,
                                const PaintState& state, const QWidget* widget) const
{
    const QRect message = m_card ? m_bubble.rect().united(m_card->rect()) : m_bubble.rect();
    if (state.selected) {
        // A band across the row behind the bubble: the bubble keeps its colours, so who wrote it
        // still shows.
        QColor band = palette.color(QPalette::Highlight);
        band.setAlphaF(ui::isDark(palette) ? 0.30f : 0.18f);
        p->fillRect(QRect(0, message.top() - kRowGap / 2, m_width, message.height() + kRowGap), band);
    }
    if (!m_dayRect.isEmpty())
        DaySeparator::paint(p, m_dayRect, m_dayText, fonts.smallBold, palette);
    m_bubble.paint(p, palette, fonts);
    if (m_card)
        m_card->paint(p, palette, fonts, state.hovered, state.pressed, widget);
    if (state.focused) {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(palette.color(QPalette::Highlight), 2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(QRectF(m_bubble.rect()).adjusted(-1, -1, 1, 1), kBubbleRadius + 1,
                           kBubbleRadius + 1);
        p->restore();
    }
}

} // namespace zapito
