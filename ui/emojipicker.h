// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFrame>

namespace zapito {

// A small grid of common emoji for the reply box (Qt offers no system picker to call): a popup
// that closes on a pick, on Esc or on a click elsewhere. Shown with show(), never exec().
class EmojiPicker final : public QFrame
{
    Q_OBJECT
public:
    explicit EmojiPicker(QWidget* parent = nullptr);

    // The emoji offered, in the grid's order.
    static QStringList emoji();
    // Opens with its bottom-left corner at `anchor`'s top-left (above the reply box's button).
    void popUp(const QWidget* anchor);

signals:
    void picked(const QString& emoji);
};

} // namespace zapito
