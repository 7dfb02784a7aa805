// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFont>
#include <QRect>
#include <QString>

namespace zapito {

// The first line of a conversation row, measured for its width: the contact's name (and the
// Sample tag) at the start; at the end the time, or how long a handoff has waited, always whole;
// between them who has the conversation, then a "·". When the line is short the assignee's name
// is elided first, down to a few letters; then the contact's, down to kTitleShare of the room;
// then the assignee is left out rather than drawn as "…". The parts never touch: the name and the
// assignee are kGap apart, the assignee and the time a padded "·" apart.
struct ConversationHeaderLayout
{
    static constexpr int kGap = 10;
    // The share of the room beside the time the contact's name keeps before the assignee gives way.
    static constexpr qreal kTitleShare = 0.6;

    struct Fonts
    {
        QFont title;
        QFont meta; // the assignee and the "·"
        QFont time; // bold once a wait is too long
        QFont tag;
    };
    struct Content
    {
        QString title;
        QString tag; // "Sample", or empty
        QString assignee;
        QString time;
    };

    static ConversationHeaderLayout build(const QRect& line, const Fonts& fonts, const Content& content);

    // As drawn: elided to their rectangles. Empty rectangles for what is not shown.
    Fonts fonts;
    QString title;
    QRect titleRect;
    QRect tagRect;
    QString assignee;
    QRect assigneeRect;
    QRect separatorRect;
    QString time;
    QRect timeRect;
};

} // namespace zapito
