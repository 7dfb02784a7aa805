// SPDX-License-Identifier: Apache-2.0
#include "handoffcardlayout.h"

#include "uistyle.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionButton>

namespace zapito {

using namespace transcript;

namespace {
constexpr int kOutcomeToButtons = 10;
constexpr int kDetailSpacing = 2;
constexpr int kColumnGap = 12;

QString header(const char* text)
{
    return QCoreApplication::translate("zapito::HandoffCardLayout", text);
}

QStyle* styleOf(const QWidget* widget)
{
    return widget ? widget->style() : QApplication::style();
}

QStyleOptionButton buttonOption(const QString& text, const QFont& font, const QWidget* widget)
{
    QStyleOptionButton option;
    if (widget)
        option.initFrom(widget);
    option.state = QStyle::State_Enabled | QStyle::State_Raised;
    option.fontMetrics = QFontMetrics(font);
    option.text = text;
    return option;
}

QSize buttonSize(const QString& text, const QFont& font, const QWidget* widget)
{
    QStyleOptionButton option = buttonOption(text, font, widget);
    const QFontMetrics metrics(font);
    return styleOf(widget)
        ->sizeFromContents(QStyle::CT_PushButton, &option,
                           QSize(metrics.horizontalAdvance(text), metrics.height()), widget)
        .expandedTo(QSize(0, metrics.height() + 8));
}
} // namespace

HandoffCardLayout HandoffCardLayout::build(const Content& content, const Fonts& fonts, int rowWidth, int top,
                                           const QWidget* widget)
{
    HandoffCardLayout c;
    c.m_content = content;
    const int column = columnWidth(rowWidth);
    const int columnStart = columnLeft(rowWidth);
    const int width = qMin(kCardMaxWidth, qMax(160, column - 2 * kSideMargin));
    // Under the bot's message it belongs to, at the right of the thread.
    const int left = qMax(columnStart + kSideMargin, columnStart + column - kSideMargin - width);
    const int textLeft = left + kCardPadX;
    const int inner = width - 2 * kCardPadX;
    int y = top + kCardPadY;

    c.m_title = TextBlock(content.title, fonts.bold, inner);
    c.m_titleAt = QPoint(textLeft, y);
    y += c.m_title.height() + kCardSpacing;

    QSize attempts;
    QSize resend;
    if (!content.attemptsButton.isEmpty())
        attempts = buttonSize(content.attemptsButton, fonts.body, widget);
    if (!content.resendButton.isEmpty())
        resend = buttonSize(content.resendButton, fonts.body, widget);
    const int buttonsWidth =
        attempts.width() + resend.width() + (attempts.isValid() && resend.isValid() ? kButtonGap : 0);
    const int buttonsHeight = qMax(attempts.height(), resend.height());
    // The buttons sit beside the outcome while it still reads on one line; in a narrow card they
    // take a line of their own rather than break "Failed after 2 attempts" in two.
    const int besideWidth = inner - buttonsWidth - kOutcomeToButtons;
    c.m_outcome = TextBlock(content.outcomeText, fonts.body, buttonsWidth > 0 ? besideWidth : inner);
    const bool beside = buttonsWidth == 0 || (c.m_outcome.unwrapped() && besideWidth > 0);
    if (!beside)
        c.m_outcome = TextBlock(content.outcomeText, fonts.body, inner);
    int buttonsTop = 0;
    if (beside) {
        const int lineHeight = qMax(c.m_outcome.height(), buttonsHeight);
        c.m_outcomeAt = QPoint(textLeft, y + (lineHeight - c.m_outcome.height()) / 2);
        buttonsTop = y + (lineHeight - buttonsHeight) / 2;
        y += lineHeight;
    } else {
        c.m_outcomeAt = QPoint(textLeft, y);
        y += c.m_outcome.height() + kCardSpacing;
        buttonsTop = y;
        y += buttonsHeight;
    }
    // The buttons end at the card's right edge, beside the outcome or under it.
    int x = textLeft + inner - buttonsWidth;
    if (attempts.isValid()) {
        c.m_attemptsButton = QRect(QPoint(x, buttonsTop + (buttonsHeight - attempts.height()) / 2), attempts);
        x += attempts.width() + kButtonGap;
    }
    if (resend.isValid())
        c.m_resendButton = QRect(QPoint(x, buttonsTop + (buttonsHeight - resend.height()) / 2), resend);

    if (!content.attempts.isEmpty()) {
        y += kCardSpacing + kDetailSpacing;
        QList<QStringList> rows{{header(QT_TRANSLATE_NOOP("zapito::HandoffCardLayout", "When")),
                                 header(QT_TRANSLATE_NOOP("zapito::HandoffCardLayout", "Attempt")),
                                 header(QT_TRANSLATE_NOOP("zapito::HandoffCardLayout", "Result")),
                                 header(QT_TRANSLATE_NOOP("zapito::HandoffCardLayout", "Duration"))}};
        for (const AttemptRow& a : content.attempts)
            rows.append({a.time, a.kind, a.result, a.duration});
        // Time, kind and duration as wide as their widest cell; the result takes the rest and
        // wraps there when it must.
        int widths[kColumns] = {0, 0, 0, 0};
        for (int r = 0; r < rows.size(); ++r) {
            const QFont& font = r == 0 ? fonts.smallBold : fonts.small;
            for (int col = 0; col < kColumns; ++col)
                widths[col] = qMax(widths[col], TextBlock(rows[r][col], font, inner).naturalWidth());
        }
        const int fixed = widths[0] + widths[1] + widths[3] + 3 * kColumnGap;
        widths[2] = qMax(40, inner - fixed);
        const int tableTop = y;
        for (int r = 0; r < rows.size(); ++r) {
            const QFont& font = r == 0 ? fonts.smallBold : fonts.small;
            int x = textLeft;
            int rowHeight = 0;
            for (int col = 0; col < kColumns; ++col) {
                Cell cell{TextBlock(rows[r][col], font, widths[col]), QPoint(x, y)};
                if (col == 3) // durations line up on their right edge
                    cell.at.setX(x + widths[col] - cell.text.naturalWidth());
                rowHeight = qMax(rowHeight, cell.text.height());
                c.m_cells.push_back(std::move(cell));
                x += widths[col] + kColumnGap;
            }
            y += rowHeight + (r == 0 ? kDetailSpacing * 2 : kDetailSpacing);
        }
        c.m_tableRect = QRect(textLeft, tableTop, inner, y - tableTop);
    }
    for (const QString& line : content.details) {
        y += c.m_details.empty() ? kCardSpacing : kDetailSpacing; // a little air under the buttons
        c.m_details.emplace_back(line, fonts.small, inner);
        c.m_detailsAt.emplace_back(textLeft, y);
        y += c.m_details.back().height();
    }
    if (!content.resolved.isEmpty()) {
        y += kCardSpacing;
        c.m_resolved = TextBlock(content.resolved, fonts.small, inner);
        c.m_resolvedAt = QPoint(textLeft, y);
        y += c.m_resolved.height();
    }
    c.m_rect = QRect(left, top, width, y + kCardPadY - top);
    return c;
}

QRect HandoffCardLayout::buttonRect(Button button) const
{
    switch (button) {
    case Button::Attempts:
        return m_attemptsButton;
    case Button::Resend:
        return m_resendButton;
    case Button::None:
    case Button::Retry: // the bubble's, not the card's
        break;
    }
    return {};
}

HandoffCardLayout::Button HandoffCardLayout::buttonAt(const QPoint& point) const
{
    if (m_attemptsButton.contains(point))
        return Button::Attempts;
    if (m_resendButton.contains(point))
        return Button::Resend;
    return Button::None;
}

QStringList HandoffCardLayout::lines() const
{
    QStringList all{m_content.title, m_content.outcomeText};
    for (const AttemptRow& a : m_content.attempts)
        all << QStringList{a.time, a.kind, a.result, a.duration}.join(QStringLiteral(" · "));
    all << m_content.details;
    if (!m_content.resolved.isEmpty())
        all << m_content.resolved;
    return all;
}

QColor HandoffCardLayout::outcomeColor(DeliveryOutcome outcome, const QPalette& palette)
{
    switch (outcome) {
    case DeliveryOutcome::Sent:
        return ui::successText(palette);
    case DeliveryOutcome::Failed:
        return ui::errorText(palette);
    case DeliveryOutcome::Skipped:
        return ui::blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
    case DeliveryOutcome::Pending:
        break;
    }
    return ui::isDark(palette) ? QColor(0xF0, 0xB4, 0x4C) : QColor(0xA3, 0x5F, 0x00); // amber
}

void HandoffCardLayout::paint(QPainter* p, const QPalette& palette, const Fonts& fonts, Button hovered,
                              Button pressed, const QWidget* widget) const
{
    const QColor accent = outcomeColor(m_content.outcome, palette);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    QColor fill = accent;
    fill.setAlphaF(0.08f);
    QColor border = accent;
    border.setAlphaF(0.45f);
    QPainterPath outline;
    outline.addRoundedRect(QRectF(m_rect).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    p->setPen(QPen(border, 1));
    p->setBrush(fill);
    p->drawPath(outline);
    // The outcome's bar follows the card's rounded corners.
    p->save();
    p->setClipPath(outline);
    p->fillRect(QRect(m_rect.left(), m_rect.top(), kCardAccent, m_rect.height()), accent);
    p->restore();
    p->setRenderHint(QPainter::Antialiasing, false);

    const QColor text = palette.color(QPalette::Text);
    const QColor muted = ui::blend(text, palette.color(QPalette::Base), 0.35);
    p->setPen(text);
    m_title.draw(p, m_titleAt);
    p->setPen(accent);
    m_outcome.draw(p, m_outcomeAt);
    for (size_t i = 0; i < m_cells.size(); ++i) {
        const size_t row = i / kColumns;
        const size_t col = i % kColumns;
        QColor pen = text;
        if (row == 0)
            pen = muted;
        else if (col == 2)
            pen = m_content.attempts.at(qsizetype(row - 1)).ok ? ui::successText(palette)
                                                               : ui::errorText(palette);
        p->setPen(pen);
        m_cells[i].text.draw(p, m_cells[i].at);
    }
    if (m_cells.size() > kColumns) { // a hairline under the header
        const Cell& first = m_cells[kColumns];
        const int lineY = first.at.y() - kDetailSpacing - 1;
        p->setPen(ui::blend(text, palette.color(QPalette::Base), 0.8));
        p->drawLine(m_tableRect.left(), lineY, m_tableRect.right(), lineY);
    }
    p->setPen(text);
    for (size_t i = 0; i < m_details.size(); ++i)
        m_details[i].draw(p, m_detailsAt[i]);
    p->setPen(muted);
    m_resolved.draw(p, m_resolvedAt);

    QStyle* style = styleOf(widget);
    p->setFont(fonts.body);
    for (const auto& [button, label] : {std::pair{Button::Attempts, m_content.attemptsButton},
                                        std::pair{Button::Resend, m_content.resendButton}}) {
        const QRect r = buttonRect(button);
        if (r.isEmpty())
            continue;
        QStyleOptionButton option = buttonOption(label, fonts.body, widget);
        option.palette = palette;
        option.rect = r;
        const bool enabled = button != Button::Resend || m_content.resendEnabled;
        if (!enabled) {
            option.state &= ~QStyle::State_Enabled;
            option.palette.setCurrentColorGroup(QPalette::Disabled);
        }
        if (enabled && hovered == button)
            option.state |= QStyle::State_MouseOver;
        if (enabled && pressed == button)
            option.state = (option.state & ~QStyle::State_Raised) | QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &option, p, widget);
    }
    p->restore();
}

} // namespace zapito
