// SPDX-License-Identifier: Apache-2.0
#include "handoffcardlayout.h"

#include "uistyle.h"

#include <QApplication>
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
    const int width = qMin(kCardMaxWidth, qMax(160, rowWidth - 2 * kSideMargin));
    // Under the bot's message it belongs to, at the right.
    const int left = qMax(kSideMargin, rowWidth - kSideMargin - width);
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
    all << m_content.details;
    if (!m_content.resolved.isEmpty())
        all << m_content.resolved;
    return all;
}

void HandoffCardLayout::paint(QPainter* p, const QPalette& palette, const Fonts& fonts, Button hovered,
                              Button pressed, const QWidget* widget) const
{
    const QColor accent = ui::reasonColor(m_content.reason, palette);
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
    // The reason's bar follows the card's rounded corners.
    p->save();
    p->setClipPath(outline);
    p->fillRect(QRect(m_rect.left(), m_rect.top(), kCardAccent, m_rect.height()), accent);
    p->restore();
    p->setRenderHint(QPainter::Antialiasing, false);

    const QColor text = palette.color(QPalette::Text);
    p->setPen(accent);
    m_title.draw(p, m_titleAt);
    QColor outcome = text;
    if (m_content.outcome == DeliveryOutcome::Failed)
        outcome = ui::errorText(palette);
    else if (m_content.outcome == DeliveryOutcome::Sent)
        outcome = ui::successText(palette);
    p->setPen(outcome);
    m_outcome.draw(p, m_outcomeAt);
    p->setPen(text);
    for (size_t i = 0; i < m_details.size(); ++i)
        m_details[i].draw(p, m_detailsAt[i]);
    p->setPen(ui::blend(text, palette.color(QPalette::Base), 0.35));
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
        if (hovered == button)
            option.state |= QStyle::State_MouseOver;
        if (pressed == button)
            option.state = (option.state & ~QStyle::State_Raised) | QStyle::State_Sunken;
        style->drawControl(QStyle::CE_PushButton, &option, p, widget);
    }
    p->restore();
}

} // namespace zapito
