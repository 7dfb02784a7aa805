// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QFont;
class QPainter;
class QPalette;
class QRect;

namespace zapito::DaySeparator {

// Where the day changes in the transcript: "Today", "Yesterday" or the date, centred between
// two hairlines. The band's height for `font` (the small bold one), its words' padding included.
int height(const QFont& font);
void paint(QPainter* painter, const QRect& band, const QString& text, const QFont& font,
           const QPalette& palette);

} // namespace zapito::DaySeparator
