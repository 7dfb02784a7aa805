// SPDX-License-Identifier: Apache-2.0
#include "presencelabel.h"

#include "uistyle.h"

#include <QEvent>

#include <algorithm>

namespace zapito {

PresenceLabel::PresenceLabel(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("presenceLabel"));
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    // Beside the reply box's own text, whatever the sentence's direction.
    setAlignment(Qt::AlignLeft | Qt::AlignAbsolute | Qt::AlignVCenter);
    setContentsMargins(16, 6, 12, 0);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.92);
    setFont(small);
    hide();
}

void PresenceLabel::setEntries(const QList<PresenceEntry>& entries)
{
    m_full = presenceText(entries);
    m_typing = std::any_of(entries.cbegin(), entries.cend(), [](const PresenceEntry& e) { return e.typing; });
    setAccessibleName(m_full);
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, m_typing
                                           ? pal.color(QPalette::Link)
                                           : ui::mutedText(parentWidget() ? parentWidget()->palette() : pal));
    setPalette(pal);
    showElided();
    setVisible(!m_full.isEmpty());
}

QSize PresenceLabel::minimumSizeHint() const
{
    // Any width will do: the sentence is elided to it.
    return {0, QLabel::minimumSizeHint().height()};
}

QSize PresenceLabel::sizeHint() const
{
    return {0, QLabel::sizeHint().height()};
}

void PresenceLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    showElided();
}

void PresenceLabel::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        showElided();
}

void PresenceLabel::showElided()
{
    const int width = contentsRect().width();
    const QString shown = width > 0 ? fontMetrics().elidedText(m_full, Qt::ElideRight, width) : m_full;
    if (shown != text())
        QLabel::setText(shown);
}

} // namespace zapito
