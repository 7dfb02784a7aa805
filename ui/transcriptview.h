// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "transcriptdelegate.h"

#include <QListView>
#include <QPersistentModelIndex>
#include <QPlainTextEdit>
#include <QPointer>

#include <functional>

class QMenu;

namespace zapito {

class TranscriptModel;
class TranscriptRowProxy;

// The transcript as chat bubbles: a QListView over a TranscriptModel, painted by a
// TranscriptDelegate, so only the rows in view are painted and each row is laid out once per
// width. Scrolling near the top asks for the next older page and keeps the reader's place when
// it arrives; when the reader is at the bottom, new messages keep the view at the bottom, and
// when they have scrolled up, nothing moves. A short transcript sits at the bottom, as in every
// chat app. Rows can be selected and copied (Ctrl+C, the context menu), and a double click on a
// message's text opens it in a read-only text box for selecting part of it.
class TranscriptView final : public QListView
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    explicit TranscriptView(TranscriptModel& model, QWidget* parent = nullptr);
    // The width the rows are laid out for: the viewport's with the scroll bar, shown or not.
    int layoutWidth() const;

    void setClock(Clock clock);
    // Names on the bubbles: the customer's (the contact title) and the bot's.
    void setNames(const QString& customer, const QString& bot);
    void setResendAvailable(bool available);
    // A sample conversation: its cards' Resend is shown disabled, with why (a sample never
    // reaches a real endpoint).
    void setSampleConversation(bool sample);
    // Failed sends offer Retry (the bubble's link and the context menu), emitting retryRequested.
    void setRetryAvailable(bool available);

    TranscriptDelegate* delegate() const { return m_delegate; }
    // The view's index for the model's row `row` (the view shows the model through a proxy).
    QModelIndex rowIndex(int row) const;
    // A card's button (or a failed bubble's Retry link) in viewport coordinates; empty when the row
    // has no such button.
    QRect buttonRect(const QModelIndex& index, TranscriptDelegate::Button button) const;
    // The message's text in a read-only text box over the bubble, for selecting part of it.
    QPlainTextEdit* openTextSelection(const QModelIndex& index);
    QPlainTextEdit* textSelection() const { return m_textSelection; }
    // The selected messages' plain text to the clipboard (or the current one's).
    void copySelection() const;
    // The menu for the row at `pos` (viewport coordinates), nullptr where there is no row; the
    // caller owns it.
    QMenu* createContextMenu(const QPoint& pos);
    // Whether new messages keep the view at the bottom: the reader is there.
    bool isAtBottom() const { return m_atBottom; }

signals:
    void resendRequested(qint64 handoffEventId);
    void retryRequested(qint64 messageId);

protected:
    void updateGeometries() override;
    void resizeEvent(QResizeEvent* event) override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                     const QList<int>& roles = QList<int>()) override;
    void reset() override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyboardSearch(const QString&) override {} // typing is for the reply box, not for jumping
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void changeEvent(QEvent* event) override;
    void closeEditor(QWidget* editor, QAbstractItemDelegate::EndEditHint hint) override;

private:
    int anchorTop(const QModelIndex& index) const;
    void captureAnchor();
    void restorePlace();
    void updateEdgeMargins();
    void maybeFetchOlder();
    void onScrolled(int value);
    void closeTextSelection();
    QModelIndexList rowsToCopy() const;

    TranscriptModel& m_model;
    TranscriptRowProxy* m_rows;
    TranscriptDelegate* m_delegate;
    // The reader's place: the row at the top of the viewport and where its bubble starts.
    QPersistentModelIndex m_anchor;
    int m_anchorOffset = 0;
    bool m_atBottom = true;
    bool m_adjusting = false; // the view moves the scroll bar, not the reader
    bool m_inGeometries = false;
    bool m_fetchQueued = false;
    int m_topMargin = -1;
    QPersistentModelIndex m_textSelectionIndex;
    QPointer<QPlainTextEdit> m_textSelection;
};

} // namespace zapito
