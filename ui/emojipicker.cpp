// SPDX-License-Identifier: Apache-2.0
#include "emojipicker.h"

#include <QGridLayout>
#include <QScreen>
#include <QToolButton>

namespace zapito {

namespace {
constexpr int kColumns = 8;
} // namespace

QStringList EmojiPicker::emoji()
{
    // What support conversations use most: faces, hands, hearts, thanks and confirmations.
    return {
        QStringLiteral("😀"),      QStringLiteral("😊"),    QStringLiteral("🙂"),   QStringLiteral("😉"),
        QStringLiteral("😍"),      QStringLiteral("😂"),    QStringLiteral("🤔"),   QStringLiteral("😅"),
        QStringLiteral("😢"),      QStringLiteral("😮"),    QStringLiteral("😎"),      QStringLiteral("🙁"),
        QStringLiteral("👍"),      QStringLiteral("👎"),    QStringLiteral("👏"),      QStringLiteral("🙏"),
        QStringLiteral("👋"),      QStringLiteral("🤝"), QStringLiteral("💪"),      QStringLiteral("👌"),
        QStringLiteral("❤️"), QStringLiteral("💙"),    QStringLiteral("🎉"),      QStringLiteral("✨"),
        QStringLiteral("✅"),      QStringLiteral("❌"),    QStringLiteral("⚠️"), QStringLiteral("⏰"),
        QStringLiteral("📦"),      QStringLiteral("🚚"),    QStringLiteral("💳"),      QStringLiteral("📞"),
        QStringLiteral("📧"),      QStringLiteral("📍"),    QStringLiteral("🔥"),      QStringLiteral("⭐"),
        QStringLiteral("☕"),      QStringLiteral("🍕"),    QStringLiteral("🎁"),      QStringLiteral("👀"),
    };
}

EmojiPicker::EmojiPicker(QWidget* parent)
    : QFrame(parent, Qt::Popup)
{
    setObjectName(QStringLiteral("emojiPicker"));
    setFrameShape(QFrame::StyledPanel);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->setSpacing(2);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    const QStringList all = emoji();
    for (int i = 0; i < all.size(); ++i) {
        auto* button = new QToolButton(this);
        button->setObjectName(QStringLiteral("emoji%1").arg(i));
        button->setText(all.at(i));
        button->setFont(big);
        button->setAutoRaise(true);
        button->setAccessibleName(all.at(i));
        connect(button, &QToolButton::clicked, this, [this, text = all.at(i)] {
            hide();
            emit picked(text);
        });
        grid->addWidget(button, i / kColumns, i % kColumns);
    }
}

void EmojiPicker::popUp(const QWidget* anchor)
{
    adjustSize();
    QPoint at = anchor->mapToGlobal(QPoint(0, 0)) - QPoint(0, height() + 2);
    if (const QScreen* screen = anchor->screen()) {
        const QRect area = screen->availableGeometry();
        at.setX(qBound(area.left(), at.x(), qMax(area.left(), area.right() - width())));
        if (at.y() < area.top())
            at.setY(anchor->mapToGlobal(QPoint(0, anchor->height())).y() + 2);
    }
    move(at);
    show();
    if (auto* first = findChild<QToolButton*>(QStringLiteral("emoji0")))
        first->setFocus(Qt::PopupFocusReason);
}

} // namespace zapito
