// SPDX-License-Identifier: Apache-2.0
#include "dayseparator.h"

#include "transcriptmetrics.h"
#include "uistyle.h"

#include <QFontMetrics>
#include <QPainter>

namespace zapito::DaySeparator {

namespace {
constexpr int kLineToText = 12;
constexpr int kMaxLine = 160; // short rules either side, not a full-width divider
} // namespace

int height(const QFont& font)
{
    return QFontMetrics(font).height() + 2 * transcript::kDayBand;
}

void paint(QPainter* p, const QRect& band, const QString& text, const QFont& font, const QPalette& palette)
{
    const QFontMetrics metrics(font);
    // A few pixels spare: the advance is rounded, and eliding at exactly it can cut "Today".
    const int textWidth =
        qMin(metrics.horizontalAdvance(text) + 4, band.width() - 2 * transcript::kSideMargin);
    const QRect words(band.center().x() - textWidth / 2, band.top(), textWidth, band.height());
    p->save();
    p->setFont(font);
    p->setPen(ui::blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45));
    p->drawText(words, Qt::AlignCenter | Qt::TextSingleLine,
                metrics.elidedText(text, Qt::ElideRight, textWidth));
    p->setPen(ui::blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.14));
    const int y = words.center().y() + 1;
    const int leftEnd = words.left() - kLineToText;
    const int rightStart = words.right() + kLineToText;
    const int leftStart = qMax(band.left() + transcript::kSideMargin, leftEnd - kMaxLine);
    const int rightEnd = qMin(band.right() - transcript::kSideMargin, rightStart + kMaxLine);
    if (leftEnd > leftStart)
        p->drawLine(leftStart, y, leftEnd, y);
    if (rightEnd > rightStart)
        p->drawLine(rightStart, y, rightEnd, y);
    p->restore();
}

} // namespace zapito::DaySeparator
