// SPDX-License-Identifier: Apache-2.0
#include "viewtabs.h"

#include "viewtab.h"

#include <QEvent>
#include <QKeyEvent>
#include <QStyle>

namespace zapito {

ViewTabs::ViewTabs(QWidget* parent)
    : QWidget(parent)
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

ViewTabs::~ViewTabs() = default;

int ViewTabs::addTab(const QString& name, const QVariant& data)
{
    auto* tab = new ViewTab(this);
    tab->setParts(name, QString());
    tab->setText(name);
    tab->installEventFilter(this);
    const int index = count();
    m_tabs.append(tab);
    m_data.append(data);
    // Clicked, not toggled: a click on the current tab keeps it current.
    connect(tab, &QAbstractButton::clicked, this, [this, tab] { setCurrentIndex(int(m_tabs.indexOf(tab))); });
    tab->show();
    if (m_current < 0)
        setCurrentIndex(index);
    else
        updateFocusPolicies();
    relayout();
    return index;
}

void ViewTabs::setTabText(int index, const QString& name, const QString& count, const QString& text)
{
    if (index < 0 || index >= this->count())
        return;
    ViewTab* tab = m_tabs.at(index);
    const QSize before = tab->sizeHint();
    tab->setParts(name, count);
    tab->setText(text);
    if (tab->sizeHint() != before)
        relayout();
}

QString ViewTabs::tabText(int index) const
{
    return index >= 0 && index < count() ? m_tabs.at(index)->text() : QString();
}

void ViewTabs::setTabIcon(int index, const QIcon& icon)
{
    if (index < 0 || index >= count())
        return;
    m_tabs.at(index)->setIcon(icon);
    relayout();
}

void ViewTabs::setTabToolTip(int index, const QString& tip)
{
    if (index >= 0 && index < count())
        m_tabs.at(index)->setToolTip(tip);
}

QVariant ViewTabs::tabData(int index) const
{
    return m_data.value(index);
}

QRect ViewTabs::tabRect(int index) const
{
    return index >= 0 && index < count() ? m_tabs.at(index)->geometry() : QRect();
}

QAbstractButton* ViewTabs::tab(int index) const
{
    return index >= 0 && index < count() ? m_tabs.at(index) : nullptr;
}

void ViewTabs::setCurrentIndex(int index)
{
    if (index < 0 || index >= count())
        return;
    // The button keeps the state even when the index does not change: a click on the current tab
    // unchecks a checkable button before `clicked` arrives.
    for (int i = 0; i < count(); ++i)
        m_tabs.at(i)->setChecked(i == index);
    if (index == m_current)
        return;
    const bool hadFocus = m_current >= 0 && m_tabs.at(m_current)->hasFocus();
    m_current = index;
    updateFocusPolicies();
    if (hadFocus)
        m_tabs.at(index)->setFocus(Qt::TabFocusReason);
    emit currentChanged(index);
}

void ViewTabs::updateFocusPolicies()
{
    // One stop in the Tab order, on the current view: the others are a press of an arrow away.
    for (int i = 0; i < count(); ++i)
        m_tabs.at(i)->setFocusPolicy(i == m_current ? Qt::TabFocus : Qt::NoFocus);
}

int ViewTabs::rowHeight() const
{
    int height = 0;
    for (const ViewTab* tab : m_tabs)
        height = qMax(height, tab->sizeHint().height());
    return height;
}

QList<QRect> ViewTabs::layoutFor(int width) const
{
    QList<QRect> rects;
    const int height = rowHeight();
    int x = 0;
    int y = 0;
    for (const ViewTab* tab : m_tabs) {
        const int w = qMin(tab->sizeHint().width(), qMax(1, width));
        if (x > 0 && x + w > width) {
            x = 0;
            y += height + kSpacing;
        }
        rects.append(
            QStyle::visualRect(layoutDirection(), QRect(0, 0, width, y + height), QRect(x, y, w, height)));
        x += w + kSpacing;
    }
    return rects;
}

int ViewTabs::heightForWidth(int width) const
{
    const QList<QRect> rects = layoutFor(width);
    return rects.isEmpty() ? 0 : rects.constLast().bottom() + 1;
}

QSize ViewTabs::sizeHint() const
{
    // On one row when there is room; heightForWidth() says how tall a narrower width makes it.
    int width = 0;
    for (const ViewTab* tab : m_tabs)
        width += tab->sizeHint().width() + (width > 0 ? kSpacing : 0);
    return {width, rowHeight()};
}

QSize ViewTabs::minimumSizeHint() const
{
    int width = 0;
    for (const ViewTab* tab : m_tabs)
        width = qMax(width, tab->sizeHint().width());
    return {width, rowHeight()};
}

void ViewTabs::relayout()
{
    const QList<QRect> rects = layoutFor(width());
    for (int i = 0; i < count(); ++i)
        m_tabs.at(i)->setGeometry(rects.at(i));
    updateGeometry(); // the rows a width needs may have changed
}

void ViewTabs::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    const QList<QRect> rects = layoutFor(width());
    for (int i = 0; i < count(); ++i)
        m_tabs.at(i)->setGeometry(rects.at(i));
}

void ViewTabs::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange ||
        event->type() == QEvent::LayoutDirectionChange)
        relayout();
}

bool ViewTabs::eventFilter(QObject* watched, QEvent* event)
{
    auto* tab = qobject_cast<ViewTab*>(watched);
    if (event->type() != QEvent::KeyPress || !tab || !m_tabs.contains(tab))
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    int next = m_current;
    switch (key->key()) {
    case Qt::Key_Left:
        next += rtl ? 1 : -1;
        break;
    case Qt::Key_Right:
        next += rtl ? -1 : 1;
        break;
    case Qt::Key_Up:
        next -= 1;
        break;
    case Qt::Key_Down:
        next += 1;
        break;
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = count() - 1;
        break;
    default:
        return false;
    }
    // As a tab bar: the first and last views are the ends, the keys do not wrap round.
    next = qBound(0, next, count() - 1);
    m_tabs.at(m_current)->setFocus(Qt::TabFocusReason); // the new current tab takes it below
    setCurrentIndex(next);
    return true;
}

} // namespace zapito
