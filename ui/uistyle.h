// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>
#include <QStyleOptionViewItem>

class QPainter;

class QLabel;

namespace zapito::ui {

// Shared look of the inbox: icons, colours derived from the current palette (so light and
// dark both work), and how times and outcomes read.

QIcon channelIcon(const QString& channel);
QIcon resourceIcon(const QString& name); // ":/icons/<name>.svg"
// The application's icon when the packaging set one, else the inbox glyph.
QIcon appIcon();

bool isDark(const QPalette& palette);
QColor blend(const QColor& a, const QColor& b, qreal towardsB);
// The colour that tells the handoff reasons apart, readable on `palette`'s base.
QColor reasonColor(HandoffReason reason, const QPalette& palette);
QColor avatarColor(const QString& seed);
QString initials(const QString& title);

// List times: "now", "5 min", "14:02" (today), "Yesterday", "Mon", "12 Mar", "12 Mar 2025".
QString relativeTime(qint64 atMs, qint64 nowMs);
// Hours and minutes only, as the user's locale writes them ("14:02").
QString clockTime(qint64 atMs);
// Transcript times: "14:02", "Yesterday 14:02", "12 Mar 14:02".
QString messageTime(qint64 atMs, qint64 nowMs);
// "Sent", "Failed", "Skipped (no webhook configured)", "Pending retry", "Sending…".
QString deliveryOutcomeText(DeliveryOutcome outcome, int attempts);

// A label for untrusted or plain text: never rich text, selectable when asked.
QLabel* plainLabel(const QString& text, QWidget* parent, bool selectable = false);
// A list row's background as the style draws an item view's (selected, hovered), without the
// text or icon of `option`, which the delegate lays out itself.
void drawRowPanel(QPainter* painter, QStyleOptionViewItem option);
// A list row's text colours: the plain one, and a muted one that stays readable on the selection,
// with `selectedMix` of the highlight in it when the row is selected.
struct RowColors
{
    QColor text;
    QColor muted;
};
RowColors rowColors(const QStyleOptionViewItem& option, qreal selectedMix);
// A muted (secondary) text colour for `palette`.
QColor mutedText(const QPalette& palette);
// An error colour readable on `palette`'s window.
QColor errorText(const QPalette& palette);
// A "this went through" green readable on `palette`'s base.
QColor successText(const QPalette& palette);
// The fill of a transcript bubble: the customer's, the bot's and an operator's each their own,
// faint on `palette`'s base so the text keeps its contrast in light and dark palettes.
QColor bubbleColor(MessageRole role, const QPalette& palette);

} // namespace zapito::ui
