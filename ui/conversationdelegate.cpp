// SPDX-License-Identifier: Apache-2.0
#include "conversationdelegate.h"

#include "conversationheaderlayout.h"
#include "inboxroles.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QTextLayout>
#include <QtMath>

namespace zapito {

namespace {
constexpr int kPadding = 10;
constexpr int kAvatar = 40;
constexpr int kChannelIcon = 16;
constexpr int kGap = 10;
constexpr int kLineGap = 6;
constexpr qreal kSmallFontScale = 0.88;

// The row's two lines of text, right of the avatar.
struct Lines
{
    QRect first;
    QRect second;
};

Lines linesOf(const QStyleOptionViewItem& option)
{
    const QRect r = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const int textLeft = r.left() + kAvatar - 1 + kGap + 4;
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const int titleHeight = QFontMetrics(titleFont).height();
    const int bodyHeight = QFontMetrics(option.font).height();
    const int top = r.top() + (r.height() - (titleHeight + kLineGap + bodyHeight)) / 2;
    const QRect first(textLeft, top, r.right() - textLeft, titleHeight);
    return {first, QRect(textLeft, first.bottom() + kLineGap, r.right() - textLeft, bodyHeight)};
}

ConversationHeaderLayout::Fonts headerFonts(const QFont& font, bool waitTooLong)
{
    ConversationHeaderLayout::Fonts fonts{font, font, font, font};
    fonts.title.setBold(true);
    fonts.meta.setPointSizeF(font.pointSizeF() * kSmallFontScale);
    fonts.time = fonts.meta;
    fonts.time.setBold(waitTooLong);
    fonts.tag = fonts.meta;
    fonts.tag.setBold(true);
    return fonts;
}

void drawPill(QPainter* p, const QRect& rect, const QColor& fill, const QColor& text, const QString& label)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(rect, rect.height() / 2.0, rect.height() / 2.0);
    p->setPen(text);
    p->drawText(rect, Qt::AlignCenter | Qt::TextSingleLine, label);
    p->restore();
}

// One line of plain text with the hits in bold: a QTextLayout with formats, never rich text, so
// markup in a customer's message is drawn as the characters it is.
void layOut(QTextLayout& layout, const SnippetLine& line, const QFont& font, const QColor& hitColour,
            Qt::LayoutDirection direction, int width)
{
    layout.setText(line.text);
    layout.setFont(font);
    QTextOption option(Qt::AlignLeft | Qt::AlignVCenter);
    option.setWrapMode(QTextOption::NoWrap);
    option.setTextDirection(direction);
    layout.setTextOption(option);
    QList<QTextLayout::FormatRange> formats;
    for (const SnippetLine::Range& hit : line.hits) {
        QTextLayout::FormatRange range;
        range.start = hit.start;
        range.length = hit.length;
        range.format.setFontWeight(QFont::Bold);
        range.format.setForeground(hitColour);
        formats.append(range);
    }
    layout.setFormats(formats);
    layout.beginLayout();
    layout.createLine().setLineWidth(width);
    layout.endLayout();
}

void drawSnippet(QPainter* p, const QRect& rect, const QFont& font, const QColor& hitColour,
                 const QString& snippet, Qt::LayoutDirection direction)
{
    const auto fits = [&](QTextLayout& layout, qsizetype characters) {
        layOut(layout, snippetLine(snippet, characters), font, hitColour, direction, rect.width());
        return layout.lineAt(0).naturalTextWidth() <= rect.width();
    };
    QTextLayout layout;
    if (!fits(layout, -1)) {
        // The longest start that fits with its "…", found by halving: a snippet is a dozen words,
        // so a handful of one-line layouts.
        qsizetype shortest = 0;
        qsizetype longest = snippet.size();
        while (shortest < longest) {
            const qsizetype middle = (shortest + longest + 1) / 2;
            QTextLayout probe;
            if (fits(probe, middle))
                shortest = middle;
            else
                longest = middle - 1;
        }
        fits(layout, shortest);
    }
    const QTextLine line = layout.lineAt(0);
    p->save();
    p->setClipRect(rect);
    layout.draw(p, QPointF(rect.left(), rect.top() + (rect.height() - line.height()) / 2));
    p->restore();
}
} // namespace

ConversationDelegate::ConversationDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{}

QString ConversationDelegate::titleText(const QModelIndex& index)
{
    return index.data(ConversationRoles::TitleRole).toString();
}

QString ConversationDelegate::previewText(const QModelIndex& index)
{
    const QString preview = index.data(ConversationRoles::LastMessageRole).toString();
    return preview.isEmpty() ? QApplication::translate("zapito", "No messages yet") : preview;
}

SnippetLine ConversationDelegate::searchSnippet(const QModelIndex& index)
{
    const QString snippet = index.data(ConversationRoles::SearchSnippetRole).toString();
    return snippet.isEmpty() ? SnippetLine() : snippetLine(snippet);
}

QString ConversationDelegate::badgeText(const QModelIndex& index)
{
    if (index.data(ConversationRoles::IsResolvedRole).toBool())
        return QApplication::translate("zapito", "Resolved");
    // An operator's takeover is not one of the agent's handoffs, but the row says who has it.
    if (index.data(ConversationRoles::StatusRole).value<ConversationStatus>() == ConversationStatus::Operator)
        return QApplication::translate("zapito", "Operator");
    return index.data(ConversationRoles::HandoffReasonTextRole).toString();
}

QString ConversationDelegate::timeText(const QModelIndex& index) const
{
    return ui::relativeTime(index.data(ConversationRoles::LastActivityMsRole).toLongLong(), m_clock());
}

QString ConversationDelegate::waitingText(const QModelIndex& index) const
{
    const QVariant since = index.data(ConversationRoles::HandoffAtMsRole);
    if (!since.isValid())
        return {};
    const qint64 minutes = qMax<qint64>(0, (m_clock() - since.toLongLong()) / 60'000);
    if (minutes < 60)
        return QApplication::translate("zapito", "waiting %n min", "", int(minutes));
    // A named count: Qt 6.4's lupdate loops for ever on an operator inside the numerus argument.
    const int hours = int(minutes / 60);
    return QApplication::translate("zapito", "waiting %n h", "", hours);
}

bool ConversationDelegate::isWaitTooLong(const QModelIndex& index) const
{
    const QVariant since = index.data(ConversationRoles::HandoffAtMsRole);
    return since.isValid() && m_clock() - since.toLongLong() >= qint64(m_waitWarningMinutes) * 60'000;
}

QString ConversationDelegate::assigneeText(const QModelIndex& index)
{
    const QString assignee = index.data(ConversationRoles::AssigneeRole).toString();
    return assignee.isEmpty() ? QString() : isolated(assignee);
}

ConversationHeaderLayout ConversationDelegate::headerLayout(const QStyleOptionViewItem& option,
                                                            const QModelIndex& index) const
{
    const QString waiting = waitingText(index);
    const bool tooLong = !waiting.isEmpty() && isWaitTooLong(index);
    // Sample conversations say so beside the name, so nobody answers a customer who does not exist.
    const bool sample = index.data(ConversationRoles::IsSampleRole).toBool();
    return ConversationHeaderLayout::build(
        linesOf(option).first, headerFonts(option.font, tooLong),
        {titleText(index), sample ? QApplication::translate("zapito", "Sample") : QString(),
         assigneeText(index), waiting.isEmpty() ? timeText(index) : waiting});
}

QString ConversationDelegate::elidedPresence(const QFontMetrics& metrics, const QString& presence, int width)
{
    QString elided = metrics.elidedText(presence, Qt::ElideRight, width);
    if (elided == presence)
        return elided;
    // Cut just after "typing…" (Qt then adds its "…", and closes the isolates after it): that
    // ellipsis says it already, so the spaces, "·" and isolates between the two go with the second.
    static const QRegularExpression twice(QStringLiteral("\u2026[\\s\u00b7\u2068\u2069]*\u2026"));
    elided.replace(twice, QStringLiteral("\u2026"));
    return elided;
}

QString ConversationDelegate::presenceText(const QModelIndex& index)
{
    return index.data(ConversationRoles::PresenceTextRole).toString();
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const int lines = QFontMetrics(bold).height() + kLineGap + QFontMetrics(option.font).height();
    return {200, qMax(kAvatar, lines) + 2 * kPadding + 2};
}

void ConversationDelegate::paint(QPainter* p, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    ui::drawRowPanel(p, opt);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& pal = option.palette;
    const auto [text, muted] = ui::rowColors(option, 0.25);
    const QRect r = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);

    // Avatar: initials of the contact on a colour of their own, the channel's icon at its foot.
    const QString title = titleText(index);
    const QRect avatar(r.left(), r.top() + (r.height() - kAvatar) / 2, kAvatar, kAvatar);
    p->setPen(Qt::NoPen);
    p->setBrush(ui::avatarColor(title)); // the same person keeps their colour
    p->drawEllipse(avatar);
    QFont avatarFont = option.font;
    avatarFont.setBold(true);
    p->setFont(avatarFont);
    p->setPen(Qt::white);
    p->drawText(avatar, Qt::AlignCenter, ui::initials(title));
    const QRect iconRect(avatar.right() - kChannelIcon + 4, avatar.bottom() - kChannelIcon + 4, kChannelIcon,
                         kChannelIcon);
    p->setPen(Qt::NoPen);
    p->setBrush(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base));
    p->drawEllipse(iconRect.adjusted(-2, -2, 2, 2));
    ui::channelIcon(index.data(ConversationRoles::ChannelRole).toString()).paint(p, iconRect);

    const Lines lines = linesOf(option);
    const int textLeft = lines.first.left();
    const QRect line2 = lines.second;
    QFont smallFont = option.font;
    smallFont.setPointSizeF(option.font.pointSizeF() * kSmallFontScale);
    const QFontMetrics bodyMetrics(option.font);

    // Line 1: title [Sample] … [assignee ·] time, or how long a handoff has waited, in the warning
    // colour once that is too long.
    const bool tooLong = !waitingText(index).isEmpty() && isWaitTooLong(index);
    const ConversationHeaderLayout header = headerLayout(option, index);
    const ConversationHeaderLayout::Fonts fonts = headerFonts(option.font, tooLong);
    p->setFont(fonts.title);
    p->setPen(text);
    p->drawText(header.titleRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, header.title);
    if (!header.tagRect.isEmpty()) {
        p->setFont(fonts.tag);
        QColor fill = muted;
        fill.setAlphaF(0.18f);
        drawPill(p, header.tagRect, fill, muted, QApplication::translate("zapito", "Sample"));
    }
    p->setFont(fonts.meta);
    p->setPen(muted);
    if (!header.assigneeRect.isEmpty()) {
        p->drawText(header.assigneeRect, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine,
                    header.assignee);
        p->drawText(header.separatorRect, Qt::AlignCenter | Qt::TextSingleLine, QStringLiteral("·"));
    }
    p->setFont(fonts.time);
    if (tooLong && !selected)
        p->setPen(ui::errorText(pal));
    p->drawText(header.timeRect, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine, header.time);

    // Line 2: [reason badge] preview … [unread].
    int left = line2.left();
    int right = line2.right();
    const int unread = index.data(ConversationRoles::UnreadCountRole).toInt();
    if (unread > 0) {
        QFont pillFont = smallFont;
        pillFont.setBold(true);
        p->setFont(pillFont);
        const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        const int h = QFontMetrics(pillFont).height() + 2;
        const int w = qMax(h, QFontMetrics(pillFont).horizontalAdvance(count) + 12);
        const QRect pill(right - w, line2.center().y() - h / 2, w, h);
        drawPill(p, pill, selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Highlight),
                 selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::HighlightedText), count);
        right = pill.left() - kGap;
    }
    const QString badge = badgeText(index);
    if (!badge.isEmpty()) {
        const auto reason = index.data(ConversationRoles::HandoffReasonRole).value<HandoffReason>();
        const bool takenOver = index.data(ConversationRoles::StatusRole).value<ConversationStatus>() ==
                               ConversationStatus::Operator;
        const bool resolved = index.data(ConversationRoles::IsResolvedRole).toBool();
        QColor colour = resolved    ? ui::successText(pal)
                        : takenOver ? pal.color(QPalette::Link)
                                    : ui::reasonColor(reason, pal);
        if (selected)
            colour = pal.color(QPalette::HighlightedText);
        QColor fill = colour;
        fill.setAlphaF(selected ? 0.22f : 0.14f);
        QFont badgeFont = smallFont;
        badgeFont.setBold(true);
        p->setFont(badgeFont);
        const int w = QFontMetrics(badgeFont).horizontalAdvance(badge) + 14;
        const int h = QFontMetrics(badgeFont).height() + 2;
        const QRect pill(left, line2.center().y() - h / 2, qMin(w, right - left), h);
        drawPill(p, pill, fill, colour, badge);
        left = pill.right() + 8;
    }
    p->setFont(option.font);
    p->setPen(unread > 0 ? text : muted);
    const QRect body(left, line2.top(), qMax(0, right - left), line2.height());
    if (const QString snippet = index.data(ConversationRoles::SearchSnippetRole).toString();
        !snippet.isEmpty())
        drawSnippet(p, body, option.font, text, snippet, option.direction);
    else if (const QString presence = presenceText(index); !presence.isEmpty()) {
        // Another seat's operator is on it: said where the preview goes, in the link colour.
        p->setPen(selected ? text : pal.color(QPalette::Link));
        p->drawText(body, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                    elidedPresence(bodyMetrics, presence, body.width()));
    } else
        p->drawText(body, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                    bodyMetrics.elidedText(previewText(index), Qt::ElideRight, body.width()));

    // A hairline between rows.
    if (!selected) {
        p->setPen(ui::blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.08));
        p->drawLine(textLeft, option.rect.bottom(), option.rect.right(), option.rect.bottom());
    }
    p->restore();
}

} // namespace zapito
