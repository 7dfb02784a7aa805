// SPDX-License-Identifier: Apache-2.0
#include "undobar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace zapito {

UndoBar::UndoBar(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_button(new QPushButton(tr("Undo"), this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("undoBar"));
    m_text->setObjectName(QStringLiteral("undoText"));
    m_text->setTextFormat(Qt::PlainText); // the text names a customer
    m_button->setObjectName(QStringLiteral("undoButton"));
    m_button->setFlat(true);
    m_button->setCursor(Qt::PointingHandCursor);
    QFont bold = m_button->font();
    bold.setBold(true);
    m_button->setFont(bold);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 0, 4, 0);
    row->setSpacing(6);
    row->addWidget(m_text);
    row->addWidget(m_button);

    m_timer->setSingleShot(true);
    m_timer->setInterval(kDefaultDelayMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        dismiss();
        emit expired();
    });
    connect(m_button, &QPushButton::clicked, this, [this] {
        const auto undo = std::move(m_undo);
        dismiss();
        if (undo) {
            undo();
            emit undone();
        }
    });
    hide();
}

void UndoBar::setDelay(int ms)
{
    m_timer->setInterval(ms);
}

int UndoBar::delay() const
{
    return m_timer->interval();
}

void UndoBar::offer(const QString& text, std::function<void()> undo)
{
    m_undo = std::move(undo);
    m_text->setText(text);
    show();
    m_timer->start();
}

void UndoBar::dismiss()
{
    m_timer->stop();
    m_undo = nullptr;
    hide();
}

} // namespace zapito
