// SPDX-License-Identifier: Apache-2.0
#include "emptystate.h"

#include "uistyle.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace zapito {

EmptyState::EmptyState(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(ui::plainLabel(QString(), this))
    , m_body(ui::plainLabel(QString(), this))
    , m_buttons(new QHBoxLayout)
{
    m_icon->setAlignment(Qt::AlignCenter);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    m_body->setAlignment(Qt::AlignCenter);
    m_body->setWordWrap(true);
    m_body->setObjectName(QStringLiteral("emptyStateBody"));
    QPalette muted = m_body->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
    m_body->setPalette(muted);

    // A centred column of readable width; word-wrapped labels get their height from it.
    auto* inner = new QWidget(this);
    inner->setMaximumWidth(440);
    auto* column = new QVBoxLayout(inner);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_icon);
    column->addSpacing(8);
    column->addWidget(m_title);
    column->addWidget(m_body);
    column->addSpacing(12);
    m_buttons->addStretch();
    m_buttons->addStretch();
    column->addLayout(m_buttons);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(inner, 4);
    row->addStretch(1);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(16, 24, 16, 24);
    outer->addStretch(2);
    outer->addLayout(row);
    outer->addStretch(3);
}

void EmptyState::setContent(const QIcon& icon, const QString& title, const QString& body)
{
    m_icon->setPixmap(icon.pixmap(QSize(64, 64), devicePixelRatioF()));
    m_title->setText(title);
    m_body->setText(body);
    m_body->setVisible(!body.isEmpty());
}

QPushButton* EmptyState::addButton(const QString& objectName, const QString& text, bool primary)
{
    auto* button = new QPushButton(text, m_body->parentWidget());
    button->setObjectName(objectName);
    button->setDefault(primary);
    button->setAutoDefault(primary);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

void EmptyState::clearButtons()
{
    const auto buttons = findChildren<QPushButton*>();
    for (QPushButton* b : buttons)
        delete b;
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::body() const
{
    return m_body->text();
}

} // namespace zapito
