// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxroles.h"
#include "transcriptrowlayout.h"
#include "transcriptview.h"

#include <QTest>

namespace zapito::test {

// What the transcript shows, read from the view's delegate exactly as it paints it, and its
// card's buttons clicked where they are painted.

inline const TranscriptRowLayout& shownRow(TranscriptView& view, int row)
{
    return view.delegate()->rowLayout(view.rowIndex(row));
}

inline QString shownText(TranscriptView& view, int row)
{
    return shownRow(view, row).bubble().text().text();
}

// The first row that carries a handoff card, -1 when none does.
inline int handoffRow(TranscriptView& view)
{
    for (int row = 0; row < view.model()->rowCount(); ++row)
        if (view.rowIndex(row).data(TranscriptRoles::HandoffEventIdRole).toLongLong() != 0)
            return row;
    return -1;
}

inline QStringList cardLines(TranscriptView& view, int row)
{
    const HandoffCardLayout* card = shownRow(view, row).card();
    return card ? card->lines() : QStringList();
}

// A card button's label; empty when the card has no such button.
inline QString cardButton(TranscriptView& view, int row, TranscriptDelegate::Button button)
{
    const HandoffCardLayout* card = shownRow(view, row).card();
    if (!card)
        return {};
    return button == TranscriptDelegate::Button::Resend ? card->content().resendButton
                                                        : card->content().attemptsButton;
}

// Scrolls the row into view and clicks the button where it is painted. False when the row has
// no such button (or it could not be brought into view).
[[nodiscard]] inline bool clickCardButton(TranscriptView& view, int row, TranscriptDelegate::Button button)
{
    const QModelIndex index = view.rowIndex(row);
    view.scrollTo(index);
    const QRect rect = view.buttonRect(index, button);
    if (rect.isEmpty() || !view.viewport()->rect().contains(rect.center()))
        return false;
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rect.center());
    return true;
}

} // namespace zapito::test
