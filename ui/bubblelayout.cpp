// SPDX-License-Identifier: Apache-2.0
#include "bubblelayout.h"

#include "transcripttext.h"
#include "uistyle.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>

namespace zapito {

using namespace transcript;

namespace {
constexpr int kSenderToTime = 12;
constexpr int kMarkGap = 4;
constexpr int kMinInner = 40;

void paintMark(QPainter* p, const QRectF& r, SendState state, const QColor& muted, const QColor& error)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const qreal w = r.width();
    switch (state) {
    case SendState::None:
        break;
    case SendState::Pending: { // a small clock: still in the outbox
        p->setPen(QPen(muted, 1.2));
        p->setBrush(Qt::NoBrush);
        const QRectF face = r.adjusted(1, 1, -1, -1);
        p->drawEllipse(face);
        const QPointF c = face.center();
        p->drawLine(c, QPointF(c.x(), face.top() + w * 0.25));
        p->drawLine(c, QPointF(c.x() + w * 0.22, c.y()));
        break;
    }
    case SendState::Sent: { // a tick
        p->setPen(QPen(muted, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath tick;
        tick.moveTo(r.left() + w * 0.12, r.top() + w * 0.55);
        tick.lineTo(r.left() + w * 0.40, r.top() + w * 0.80);
        tick.lineTo(r.left() + w * 0.90, r.top() + w * 0.22);
        p->drawPath(tick);
        break;
    }
    case SendState::Failed: { // a red disc with an exclamation mark
        p->setPen(Qt::NoPen);
        p->setBrush(error);
        p->drawEllipse(r);
        p->setPen(QPen(Qt::white, 1.6, Qt::SolidLine, Qt::RoundCap));
        const qreal x = r.center().x();
        p->drawLine(QPointF(x, r.top() + w * 0.22), QPointF(x, r.top() + w * 0.56));
        p->drawPoint(QPointF(x, r.top() + w * 0.76));
        break;
    }
    }
    p->restore();
}
} // namespace

QColor BubbleLayout::noteColor(const QPalette& palette)
{
    return ui::blend(palette.color(QPalette::Base), QColor(0xf5, 0xb3, 0x00),
                     ui::isDark(palette) ? 0.22 : 0.18);
}

QColor BubbleLayout::fillColor(const Content& content, const QPalette& palette)
{
    return content.note ? noteColor(palette) : ui::bubbleColor(content.role, palette);
}

int BubbleLayout::maxTextWidth(int rowWidth)
{
    rowWidth = columnWidth(rowWidth);
    const int available = qMax(kMinInner + 2 * kBubblePadX, rowWidth - 2 * kSideMargin);
    const int maxBubble = qMin(available, qMax(kMinBubbleWidth, int(rowWidth * kBubbleShare)));
    return maxBubble - 2 * kBubblePadX;
}

BubbleLayout BubbleLayout::build(const Content& content, const Fonts& fonts, int rowWidth, int top)
{
    BubbleLayout b;
    b.m_content = content;
    const int maxInner = maxTextWidth(rowWidth);

    const QFontMetrics senderMetrics(fonts.smallBold);
    const QFontMetrics smallMetrics(fonts.small);
    const QFontMetrics bodyMetrics(fonts.body);
    const int markSize = content.sendState == SendState::None ? 0 : smallMetrics.ascent();
    if (content.sendState == SendState::Failed)
        b.m_stateWords = TranscriptText::sendStateText(SendState::Failed);
    // Drawn bold; measured as drawn, so "Not sent" keeps its last letter.
    const int wordsWidth = b.m_stateWords.isEmpty() ? 0 : senderMetrics.horizontalAdvance(b.m_stateWords) + 1;
    const bool retry = content.sendState == SendState::Failed && !content.retryText.isEmpty();
    const int retryWidth = retry ? senderMetrics.horizontalAdvance(content.retryText) + 1 : 0;
    const int timeWidth = smallMetrics.horizontalAdvance(content.time);
    const int rightWidth = timeWidth + (markSize ? kMarkGap + markSize : 0) +
                           (wordsWidth ? kMarkGap + wordsWidth : 0) +
                           (retryWidth ? kSenderToTime + retryWidth : 0);
    // Rounded up, and a pixel spare: eliding measures in fractions of a pixel, and a name that
    // just fits must not lose its last letters.
    const int senderWidth = qCeil(QFontMetricsF(fonts.smallBold).horizontalAdvance(content.sender)) + 1;

    b.m_text = TextBlock(content.text, fonts.body, maxInner);
    const int headerNatural = senderWidth + kSenderToTime + rightWidth;
    const int inner = std::clamp(std::max(b.m_text.naturalWidth(), headerNatural), kMinInner, maxInner);
    b.m_text.narrowTo(inner);
    b.m_shownSender =
        senderMetrics.elidedText(content.sender, Qt::ElideRight, qMax(0, inner - kSenderToTime - rightWidth));

    const int bubbleWidth = inner + 2 * kBubblePadX;
    const int columnStart = columnLeft(rowWidth);
    // A note sits in the middle: neither the customer's side nor ours, since nobody said it to anyone.
    const int left = content.note ? columnStart + (columnWidth(rowWidth) - bubbleWidth) / 2
                     : content.role == MessageRole::User
                         ? columnStart + kSideMargin
                         : columnStart + columnWidth(rowWidth) - kSideMargin - bubbleWidth;
    const int headerHeight = qMax(senderMetrics.height(), smallMetrics.height());
    const int textHeight = qMax(b.m_text.height(), bodyMetrics.height());
    b.m_rect = QRect(left, top, bubbleWidth,
                     kBubblePadTop + headerHeight + kHeaderGap + textHeight + kBubblePadBottom);

    const int innerLeft = left + kBubblePadX;
    const int innerRight = innerLeft + inner; // one past the last pixel
    const int headerTop = top + kBubblePadTop;
    b.m_senderRect =
        QRect(innerLeft, headerTop, senderMetrics.horizontalAdvance(b.m_shownSender), headerHeight);
    int x = innerRight;
    if (retryWidth) {
        x -= retryWidth;
        b.m_retryRect = QRect(x, headerTop, retryWidth, headerHeight);
        x -= kSenderToTime;
    }
    if (wordsWidth) {
        x -= wordsWidth;
        b.m_stateWordsRect = QRect(x, headerTop, wordsWidth, headerHeight);
        x -= kMarkGap;
    }
    if (markSize) {
        x -= markSize;
        b.m_markRect = QRect(x, headerTop + (headerHeight - markSize) / 2, markSize, markSize);
        x -= kMarkGap;
    }
    b.m_timeRect = QRect(x - timeWidth, headerTop, timeWidth, headerHeight);
    b.m_stateRect = b.m_markRect.united(b.m_stateWordsRect);
    b.m_textRect = QRect(innerLeft, headerTop + headerHeight + kHeaderGap, inner, textHeight);
    return b;
}

void BubbleLayout::paint(QPainter* p, const QPalette& palette, const Fonts& fonts) const
{
    const QColor fill = fillColor(m_content, palette);
    const QColor text = palette.color(QPalette::Text);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    // A note has a border too: told apart from a bubble by its shape, not by its colour alone.
    p->setPen(m_content.note ? QPen(ui::blend(fill, QColor(0xb7, 0x79, 0x1f), 0.7), 1.2, Qt::DashLine)
                             : Qt::NoPen);
    p->setBrush(fill);
    if (m_content.note)
        p->drawRoundedRect(QRectF(m_rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    else
        p->drawRoundedRect(QRectF(m_rect), kBubbleRadius, kBubbleRadius);
    p->setRenderHint(QPainter::Antialiasing, false);

    p->setFont(fonts.smallBold);
    p->setPen(ui::blend(text, fill, 0.3));
    p->drawText(m_senderRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_shownSender);
    const QColor muted = ui::blend(text, fill, 0.45);
    p->setFont(fonts.small);
    p->setPen(muted);
    p->drawText(m_timeRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_content.time);
    const QColor error = ui::errorText(palette);
    if (!m_markRect.isEmpty())
        paintMark(p, m_markRect, m_content.sendState, muted, error);
    if (!m_stateWords.isEmpty()) {
        p->setFont(fonts.smallBold);
        p->setPen(error);
        p->drawText(m_stateWordsRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_stateWords);
    }
    if (!m_retryRect.isEmpty()) {
        QFont link = fonts.smallBold;
        link.setUnderline(true);
        p->setFont(link);
        p->setPen(palette.color(QPalette::Link));
        p->drawText(m_retryRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_content.retryText);
    }

    p->setPen(text);
    m_text.draw(p, m_textRect.topLeft());
    p->restore();
}

} // namespace zapito
