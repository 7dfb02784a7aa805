// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFont>

namespace zapito::transcript {

// Spacing of the transcript in pixels, shared by the layouts that measure a row and the view
// that places rows: changing one here moves everything together.
inline constexpr int kSideMargin = 18;  // left and right of every row
inline constexpr int kRowGap = 8;       // between two rows (half above, half below each)
inline constexpr int kEdgePadding = 8;  // above the first row and below the last, besides kRowGap
inline constexpr int kDayBand = 10;     // above and below a day separator's words
inline constexpr int kBubblePadX = 12;  // inside a bubble, left and right
inline constexpr int kBubblePadTop = 7; // inside a bubble, above the sender line
inline constexpr int kBubblePadBottom = 8;
inline constexpr int kHeaderGap = 3; // between the sender line and the text
inline constexpr int kBubbleRadius = 12;
inline constexpr int kMinBubbleWidth = 220;  // the widest a bubble may grow is the larger of this
inline constexpr double kBubbleShare = 0.72; // and this share of the row
inline constexpr int kCardGap = 6;           // between a handoff message and its card
inline constexpr int kCardMaxWidth = 760;    // a card wider than this is hard to read across
inline constexpr int kCardPadX = 14;
inline constexpr int kCardPadY = 10;
inline constexpr int kCardAccent = 4; // the reason's coloured bar at the card's left edge
inline constexpr int kCardSpacing = 4;
inline constexpr int kButtonGap = 6;
// The thread is at most this wide (bubbles' outer edges), centred in a wider view: on a wide
// screen the customer's and the bot's bubbles stay within one glance, and a card's buttons
// near its text.
inline constexpr int kReadingWidth = 720;

// The part of a row the thread's bubbles and cards are laid out in, margins included.
inline int columnWidth(int rowWidth)
{
    return rowWidth < kReadingWidth + 2 * kSideMargin ? rowWidth : kReadingWidth + 2 * kSideMargin;
}
inline int columnLeft(int rowWidth)
{
    return (rowWidth - columnWidth(rowWidth)) / 2;
}

// The fonts of a row, all derived from the view's font so the transcript follows the desktop's
// size and the user's scaling.
struct Fonts
{
    QFont body;
    QFont bold;
    QFont small;
    QFont smallBold;

    static Fonts from(const QFont& base)
    {
        Fonts f{base, base, base, base};
        f.bold.setBold(true);
        if (base.pointSizeF() > 0)
            f.small.setPointSizeF(base.pointSizeF() * 0.85);
        else // a font set in pixels
            f.small.setPixelSize(qMax(8, qRound(base.pixelSize() * 0.85)));
        f.smallBold = f.small;
        f.smallBold.setBold(true);
        return f;
    }
};

} // namespace zapito::transcript
