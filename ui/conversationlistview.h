// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QListView>

namespace zapito {

// The conversation list view. When rows arrive, leave or move above what the operator is
// looking at (a new message lifts a conversation to the top), it shifts the scroll position by
// the same amount so the visible rows stay where they were; at the very top it shows the
// newcomer instead.
class ConversationListView final : public QListView
{
    Q_OBJECT
public:
    explicit ConversationListView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;

protected:
    void updateGeometries() override;

private:
    int firstVisibleRow() const;
    int rowHeight() const;
    void shiftIfAbove(int row, int rows);

    int m_pendingShift = 0;
};

} // namespace zapito
