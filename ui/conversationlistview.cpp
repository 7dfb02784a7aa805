// SPDX-License-Identifier: Apache-2.0
#include "conversationlistview.h"

#include <QScrollBar>

namespace zapito {

ConversationListView::ConversationListView(QWidget* parent)
    : QListView(parent)
{
    setUniformItemSizes(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
}

void ConversationListView::setModel(QAbstractItemModel* newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QListView::setModel(newModel);
    if (!newModel)
        return;
    connect(newModel, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex&, int first, int last) {
                if (first <= firstVisibleRow())
                    shiftIfAbove(first, last - first + 1);
            });
    connect(newModel, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex&, int first, int last) {
                if (last < firstVisibleRow())
                    shiftIfAbove(first, -(last - first + 1));
            });
    connect(newModel, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex&, int first, int, const QModelIndex&, int destination) {
                const int visible = firstVisibleRow();
                if (first > visible && destination <= visible)
                    shiftIfAbove(destination, 1);
                else if (first < visible && destination > visible + 1)
                    shiftIfAbove(first, -1);
            });
    connect(newModel, &QAbstractItemModel::modelReset, this, [this] { m_pendingShift = 0; });
}

int ConversationListView::firstVisibleRow() const
{
    const QModelIndex top = indexAt(QPoint(1, 1));
    return top.isValid() ? top.row() : -1;
}

int ConversationListView::rowHeight() const
{
    if (!model() || model()->rowCount() == 0)
        return 0;
    return sizeHintForRow(0);
}

void ConversationListView::shiftIfAbove(int, int rows)
{
    // At the top the operator wants to see what just came in.
    if (verticalScrollBar()->value() == 0)
        return;
    m_pendingShift += rows * rowHeight();
}

void ConversationListView::updateGeometries()
{
    QListView::updateGeometries();
    if (m_pendingShift != 0) {
        QScrollBar* bar = verticalScrollBar();
        bar->setValue(bar->value() + m_pendingShift);
        m_pendingShift = 0;
    }
}

} // namespace zapito
