// SPDX-License-Identifier: Apache-2.0
#include "conversationheaderlayout.h"

#include <QFontMetrics>
#include <QtMath>

namespace zapito {

namespace {
constexpr int kTagPadding = 12;   // inside the Sample pill
constexpr int kTagGap = 6;        // between the name and the pill
constexpr int kDotPadding = 6;    // either side of the "·" between the assignee and the time
constexpr int kFewestLetters = 4; // of an assignee's name, or the name is left out

int advance(const QFont& font, const QString& text)
{
    // Rounded up: a width rounded down would elide a text that fits ("12…in").
    return qCeil(QFontMetricsF(font).horizontalAdvance(text));
}
} // namespace

ConversationHeaderLayout ConversationHeaderLayout::build(const QRect& line, const Fonts& fonts,
                                                         const Content& content)
{
    ConversationHeaderLayout l;
    l.fonts = fonts;
    const QFontMetrics meta(fonts.meta);

    const int timeWidth = qMin(advance(fonts.time, content.time), line.width());
    l.time = content.time;
    l.timeRect = QRect(line.right() + 1 - timeWidth, line.top(), timeWidth, line.height());

    // Everything left of the time, less the gap that keeps the names off it. The Sample tag takes
    // its room first: nobody should answer a customer who does not exist.
    const int beforeTime = qMax(0, l.timeRect.left() - line.left() - kGap);
    const int tagWidth = content.tag.isEmpty() ? 0 : advance(fonts.tag, content.tag) + kTagPadding;
    const bool tagShown = tagWidth > 0 && tagWidth <= beforeTime;
    const int names = qMax(0, beforeTime - (tagShown ? tagWidth + kTagGap : 0));
    const int titleNeed = advance(fonts.title, content.title);
    int titleWidth = qMin(titleNeed, names);

    int dotWidth = 0;
    int assigneeRoom = 0;
    if (!content.assignee.isEmpty()) {
        dotWidth = advance(fonts.meta, QStringLiteral("·")) + 2 * kDotPadding;
        // The gap kept before the time now keeps the names apart; the "·" parts assignee and time.
        const int room = qMax(0, names - dotWidth);
        const int assigneeNeed = advance(fonts.meta, content.assignee);
        // A few letters and the "…", or nothing: "Ca…" tells nobody who has it.
        const int fewest = qMin(assigneeNeed, kFewestLetters * meta.averageCharWidth() +
                                                  advance(fonts.meta, QStringLiteral("…")));
        // The assignee's name gives way first, down to a few letters; then the contact's, down to
        // its share; then the assignee is left out.
        const int title = qMin(titleNeed, qMax(room - fewest, int(room * kTitleShare)));
        if (fewest > 0 && room - title >= fewest) {
            titleWidth = title;
            assigneeRoom = room;
        }
    }

    l.title = QFontMetrics(fonts.title).elidedText(content.title, Qt::ElideRight, titleWidth);
    l.titleRect =
        QRect(line.left(), line.top(), qMin(titleWidth, advance(fonts.title, l.title)), line.height());
    if (tagShown) {
        const int h = QFontMetrics(fonts.tag).height();
        const int left = l.titleRect.isEmpty() ? line.left() : l.titleRect.right() + 1 + kTagGap;
        l.tagRect = QRect(left, line.center().y() - h / 2, tagWidth, h);
    }
    if (assigneeRoom > 0) {
        // What an elided contact's name leaves unused goes to the assignee.
        const int assigneeWidth =
            qMin(advance(fonts.meta, content.assignee), assigneeRoom - l.titleRect.width());
        l.separatorRect = QRect(l.timeRect.left() - dotWidth, line.top(), dotWidth, line.height());
        l.assignee = meta.elidedText(content.assignee, Qt::ElideRight, assigneeWidth);
        l.assigneeRect =
            QRect(l.separatorRect.left() - assigneeWidth, line.top(), assigneeWidth, line.height());
    }
    return l;
}

} // namespace zapito
