// SPDX-License-Identifier: Apache-2.0
#include "messagebubble.h"

#include "uistyle.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace zapito {

namespace {
QColor bubbleColour(MessageRole role, const QPalette& pal)
{
    const QColor base = pal.color(QPalette::Base);
    switch (role) {
    case MessageRole::User:
        return ui::blend(base, pal.color(QPalette::Text), ui::isDark(pal) ? 0.10 : 0.06);
    case MessageRole::Assistant:
        return ui::blend(base, QColor(0x00, 0x96, 0x88), ui::isDark(pal) ? 0.28 : 0.14);
    case MessageRole::Operator:
        return ui::blend(base, pal.color(QPalette::Highlight), ui::isDark(pal) ? 0.45 : 0.22);
    }
    return base;
}
} // namespace

MessageBubble::MessageBubble(MessageRole role, const QString& sender, const QString& text,
                             const QString& time, QWidget* parent)
    : QFrame(parent)
    , m_role(role)
    , m_sender(ui::plainLabel(sender, this))
    , m_text(ui::plainLabel(text, this, true))
    , m_time(ui::plainLabel(time, this))
{
    setObjectName(QStringLiteral("messageBubble"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setContextMenuPolicy(Qt::DefaultContextMenu); // Copy / Select All
    m_text->setCursor(Qt::IBeamCursor);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    QFont senderFont = small;
    senderFont.setBold(true);
    m_sender->setFont(senderFont);
    m_time->setFont(small);
    m_time->setAlignment(role == MessageRole::User ? Qt::AlignLeft : Qt::AlignRight);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(12, 8, 12, 7);
    column->setSpacing(3);
    column->addWidget(m_sender);
    column->addWidget(m_text);
    column->addWidget(m_time);
    applyColours();
}

void MessageBubble::fitTo(int maxWidth)
{
    const QMargins margins = layout()->contentsMargins();
    const int inner = qMax(80, maxWidth - margins.left() - margins.right());
    const QFontMetrics text(m_text->font());
    int natural = text.boundingRect(QRect(0, 0, inner, 1'000'000), Qt::TextWordWrap, m_text->text()).width();
    natural = std::max({natural, QFontMetrics(m_sender->font()).horizontalAdvance(m_sender->text()),
                        QFontMetrics(m_time->font()).horizontalAdvance(m_time->text())});
    // A couple of pixels spare so a line that just fits is not wrapped by rounding.
    m_text->setFixedWidth(qMin(inner, natural + 2));
}

void MessageBubble::applyColours()
{
    const QPalette pal = palette();
    const QColor fill = bubbleColour(m_role, pal);
    const QColor text = pal.color(QPalette::Text);
    QPalette labels = pal;
    labels.setColor(QPalette::WindowText, text);
    m_text->setPalette(labels);
    labels.setColor(QPalette::WindowText, ui::blend(text, fill, 0.4));
    m_time->setPalette(labels);
    m_sender->setPalette(labels);
}

void MessageBubble::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QFrame::changeEvent(event);
}

void MessageBubble::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(bubbleColour(m_role, palette()));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 12, 12);
}

} // namespace zapito
