// SPDX-License-Identifier: Apache-2.0
#include "viewtab.h"

#include "uistyle.h"

#include <QPainter>
#include <QtMath>

#include <algorithm>

namespace zapito {

namespace {
constexpr int kPaddingX = 10;
constexpr int kPaddingY = 5;
constexpr int kIconSize = 16;
constexpr int kIconGap = 5;
constexpr int kBadgeGap = 6;

int advance(const QFont& font, const QString& text)
{
    // Rounded up: a width rounded down would cut the last letter off.
    return qCeil(QFontMetricsF(font).horizontalAdvance(text));
}
} // namespace

ViewTab::ViewTab(QWidget* parent)
    : QAbstractButton(parent)
{
    setCheckable(true);
    setFocusPolicy(Qt::NoFocus); // ViewTabs gives the current tab the Tab focus
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void ViewTab::setParts(const QString& name, const QString& count)
{
    if (name == m_name && count == m_count)
        return;
    m_name = name;
    m_count = count;
    updateGeometry();
    update();
}

QFont ViewTab::nameFont(bool current) const
{
    QFont f = font();
    f.setWeight(current ? QFont::DemiBold : QFont::Normal);
    return f;
}

QFont ViewTab::countFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    f.setWeight(QFont::DemiBold);
    return f;
}

QSize ViewTab::badgeSize() const
{
    if (m_count.isEmpty())
        return {};
    const int h = QFontMetrics(countFont()).height() + 2;
    return {qMax(h, advance(countFont(), m_count) + 10), h};
}

QSize ViewTab::sizeHint() const
{
    // Measured in the current tab's heavier weight whether current or not, so a tab keeps its
    // width when it becomes the current one and the rows never rearrange on a click.
    int width = 2 * kPaddingX + advance(nameFont(true), m_name);
    if (!icon().isNull())
        width += kIconSize + kIconGap;
    if (!m_count.isEmpty())
        width += kBadgeGap + badgeSize().width();
    const int content = std::max({QFontMetrics(nameFont(true)).height(), kIconSize, badgeSize().height()});
    return {width, content + 2 * kPaddingY};
}

void ViewTab::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const bool current = isChecked();
    const bool hovered = underMouse() && isEnabled();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor highlight = pal.color(QPalette::Highlight);

    // The pill: outlined, tinted when current, a shade darker under the mouse or when pressed.
    const QRectF body = QRectF(rect()).adjusted(1, 1, -1, -1);
    const qreal radius = body.height() / 2;
    QColor fill = Qt::transparent;
    QColor outline = ui::blend(window, text, 0.2);
    if (current) {
        fill = ui::blend(window, highlight, ui::isDark(pal) ? 0.28 : 0.14);
        outline = ui::blend(window, highlight, 0.7);
    } else if (isDown()) {
        fill = ui::blend(window, text, 0.12);
    } else if (hovered) {
        fill = ui::blend(window, text, 0.06);
    }
    p.setPen(hasFocus() ? QPen(highlight, 2) : QPen(outline, 1));
    p.setBrush(fill);
    p.drawRoundedRect(body, radius, radius);

    // Icon, name and count from the start, centred as a group when the tab is wider than needed.
    const QSize badge = badgeSize();
    const QFont nf = nameFont(current);
    const int iconWidth = icon().isNull() ? 0 : kIconSize + kIconGap;
    const int badgeWidth = m_count.isEmpty() ? 0 : kBadgeGap + badge.width();
    const int nameWidth = advance(nf, m_name);
    const int x = qMax(kPaddingX, (width() - iconWidth - nameWidth - badgeWidth) / 2);
    const int middle = height() / 2;
    const auto mirrored = [this](QRect r) {
        if (layoutDirection() == Qt::RightToLeft)
            r.moveLeft(width() - r.right() - 1);
        return r;
    };
    const QRect iconRect(x, middle - kIconSize / 2, kIconSize, kIconSize);
    const int nameRoom = qMax(0, width() - x - iconWidth - kPaddingX - badgeWidth);
    const QRect nameRect(x + iconWidth, 0, qMin(nameWidth, nameRoom), height());
    const QRect badgeRect(nameRect.right() + 1 + kBadgeGap, middle - badge.height() / 2, badge.width(),
                          badge.height());
    if (iconWidth > 0)
        icon().paint(&p, mirrored(iconRect));
    p.setFont(nf);
    p.setPen(text);
    p.drawText(mirrored(nameRect), Qt::AlignCenter | Qt::TextSingleLine,
               QFontMetrics(nf).elidedText(m_name, Qt::ElideRight, nameRect.width()));
    if (!m_count.isEmpty()) {
        const QRect b = mirrored(badgeRect);
        p.setPen(Qt::NoPen);
        p.setBrush(current ? highlight : ui::blend(window, text, 0.1));
        p.drawRoundedRect(QRectF(b), b.height() / 2.0, b.height() / 2.0);
        p.setFont(countFont());
        p.setPen(current ? pal.color(QPalette::HighlightedText) : ui::mutedText(pal));
        p.drawText(b, Qt::AlignCenter | Qt::TextSingleLine, m_count);
    }
}

} // namespace zapito
