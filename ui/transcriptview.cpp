// SPDX-License-Identifier: Apache-2.0
#include "transcriptview.h"

#include "inboxroles.h"
#include "transcriptmodel.h"
#include "transcriptrowlayout.h"
#include "transcriptrowproxy.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>

namespace zapito {

namespace {
constexpr int kFetchOlderWithinPx = 150;
constexpr int kAtBottomSlackPx = 4;
} // namespace

TranscriptView::TranscriptView(TranscriptModel& model, QWidget* parent)
    : QListView(parent)
    , m_model(model)
    , m_rows(nullptr)
    , m_delegate(new TranscriptDelegate(this))
{
    setObjectName(QStringLiteral("transcriptView"));
    m_rows = new TranscriptRowProxy(
        [this](const QModelIndex& index) { return m_delegate->text().accessibleText(index); }, this);
    m_rows->setSourceModel(&m_model);
    setItemDelegate(m_delegate);
    setModel(m_rows);

    setUniformItemSizes(false);
    setLayoutMode(QListView::SinglePass); // every row has a cached height; batches would move the range
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers); // the text box opens on a double click on text
    setSpacing(0);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true); // the card's buttons show where the mouse is
    // The bands above and below the rows (viewport margins) are the transcript's background too.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);
    verticalScrollBar()->setSingleStep(2 * fontMetrics().height());
    m_delegate->setWidth(layoutWidth());

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TranscriptView::onScrolled);
    connect(m_delegate, &TranscriptDelegate::resendRequested, this, &TranscriptView::resendRequested);
    connect(m_delegate, &TranscriptDelegate::retryRequested, this, &TranscriptView::retryRequested);
    connect(m_delegate, &TranscriptDelegate::attemptsRequested, &m_model,
            &TranscriptModel::requestDeliveryAttempts);
    connect(&m_model, &TranscriptModel::deliveryAttemptsRead, this,
            [this](qint64 eventId, const QList<DeliveryAttempt>& attempts) {
                if (m_delegate->showAttempts(eventId, attempts) != 0)
                    doItemsLayout();
            });
    connect(&m_model, &TranscriptModel::errorOccurred, this, [this](const QString& error) {
        if (!m_delegate->showAttemptsError(error).isEmpty())
            doItemsLayout();
    });
}

void TranscriptView::setClock(Clock clock)
{
    m_delegate->setClock(std::move(clock));
    viewport()->update();
}

void TranscriptView::setNames(const QString& customer, const QString& bot)
{
    m_delegate->setNames(customer, bot); // words only: every height stays
    viewport()->update();
}

void TranscriptView::setResendAvailable(bool available)
{
    if (available == m_delegate->resendAvailable())
        return;
    m_delegate->setResendAvailable(available);
    doItemsLayout();
}

void TranscriptView::setSampleConversation(bool sample)
{
    if (sample == m_delegate->sampleConversation())
        return;
    m_delegate->setSampleConversation(sample);
    viewport()->update(); // the buttons' state only: every height stays
}

void TranscriptView::setRetryAvailable(bool available)
{
    if (available == m_delegate->retryAvailable())
        return;
    m_delegate->setRetryAvailable(available);
    doItemsLayout();
}

QModelIndex TranscriptView::rowIndex(int row) const
{
    return m_rows->index(row, 0);
}

QRect TranscriptView::buttonRect(const QModelIndex& index, TranscriptDelegate::Button button) const
{
    if (button == TranscriptDelegate::Button::Retry)
        return m_delegate->rowLayout(index).bubble().retryRect().translated(visualRect(index).topLeft());
    const HandoffCardLayout* card = m_delegate->rowLayout(index).card();
    if (!card || card->buttonRect(button).isEmpty())
        return {};
    return card->buttonRect(button).translated(visualRect(index).topLeft());
}

void TranscriptView::updateGeometries()
{
    if (m_inGeometries) { // a viewport margin just changed the viewport's height
        QListView::updateGeometries();
        return;
    }
    const QScopedValueRollback<bool> inGeometries(m_inGeometries, true);
    {
        const QScopedValueRollback<bool> adjusting(m_adjusting, true);
        QListView::updateGeometries();
        updateEdgeMargins();
        restorePlace();
    }
    maybeFetchOlder();
}

void TranscriptView::updateEdgeMargins()
{
    // Space above the rows pushes a short transcript to the bottom, next to the reply box.
    const int content = contentsSize().height();
    const int area = contentsRect().height();
    const int top = transcript::kEdgePadding + qMax(0, area - 2 * transcript::kEdgePadding - content);
    if (top == m_topMargin)
        return;
    m_topMargin = top;
    setViewportMargins(0, top, 0, transcript::kEdgePadding);
}

void TranscriptView::restorePlace()
{
    QScrollBar* bar = verticalScrollBar();
    if (m_atBottom) {
        bar->setValue(bar->maximum());
    } else if (m_anchor.isValid()) {
        bar->setValue(bar->value() + anchorTop(m_anchor) - m_anchorOffset);
        if (bar->maximum() == 0)
            m_atBottom = true; // everything fits now: new messages should stay in view
    }
    captureAnchor();
}

int TranscriptView::anchorTop(const QModelIndex& index) const
{
    // The bubble, not the row: the row above an older page loses its day separator when the page
    // arrives, and a card below the bubble grows when its attempts show; neither moves the words
    // being read.
    return visualRect(index).top() + m_delegate->rowLayout(index).bubble().rect().top();
}

void TranscriptView::captureAnchor()
{
    const QModelIndex top = indexAt(QPoint(viewport()->width() / 2, 0));
    m_anchor = top;
    m_anchorOffset = top.isValid() ? anchorTop(top) : 0;
}

void TranscriptView::onScrolled(int value)
{
    if (m_adjusting)
        return;
    m_atBottom = value >= verticalScrollBar()->maximum() - kAtBottomSlackPx;
    captureAnchor();
    maybeFetchOlder();
}

void TranscriptView::maybeFetchOlder()
{
    if (m_fetchQueued || !m_model.canFetchMore({}) || m_model.rowCount() == 0 ||
        verticalScrollBar()->value() > kFetchOlderWithinPx)
        return;
    m_fetchQueued = true;
    // Not from inside a scroll or a layout: the page arrives later anyway, and its rows change
    // the range being reported. The place is kept when they arrive (rowsInserted), not here.
    QTimer::singleShot(0, this, [this] {
        m_fetchQueued = false;
        if (m_model.canFetchMore({}) && verticalScrollBar()->value() <= kFetchOlderWithinPx)
            m_model.fetchMore({});
    });
}

int TranscriptView::layoutWidth() const
{
    // The rows are laid out for the width the viewport has with the scroll bar, shown or not.
    // A width that followed the bar would wrap the text anew when the bar comes or goes, which
    // near the edge where the rows just fit makes it go or come again: a layout loop.
    return qMax(1, maximumViewportSize().width() - verticalScrollBar()->sizeHint().width());
}

void TranscriptView::resizeEvent(QResizeEvent* event)
{
    const int width = layoutWidth();
    if (width != m_delegate->width()) {
        m_delegate->setWidth(width);
        QListView::resizeEvent(event);
        doItemsLayout(); // now: rows measured for the old width must not be painted at the new one
        return;
    }
    QListView::resizeEvent(event);
}

void TranscriptView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    QListView::rowsInserted(parent, start, end);
    // The row that was first may have lost its day separator to the older page above it; its
    // height is checked against the row above (see TranscriptDelegate), so nothing to clear.
    executeDelayedItemsLayout(); // lay out and put the reader back before anything is painted
}

void TranscriptView::dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight,
                                 const QList<int>& roles)
{
    bool resized = false;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const QModelIndex index = m_rows->index(row, 0);
        const int before = visualRect(index).height();
        m_delegate->invalidate(index.data(TranscriptRoles::MessageIdRole).toLongLong());
        resized = resized || m_delegate->sizeHint(QStyleOptionViewItem(), index).height() != before;
        // Open attempts follow a new attempt.
        const qint64 eventId = index.data(TranscriptRoles::HandoffEventIdRole).toLongLong();
        if (eventId != 0 && m_delegate->attemptsOpen(eventId))
            m_model.requestDeliveryAttempts(eventId);
    }
    QListView::dataChanged(topLeft, bottomRight, roles);
    if (resized)
        doItemsLayout();
}

void TranscriptView::reset()
{
    m_delegate->reset();
    m_atBottom = true; // a conversation opens at its newest message
    m_anchor = QPersistentModelIndex();
    m_textSelection = nullptr;
    QListView::reset();
    executeDelayedItemsLayout();
}

QModelIndexList TranscriptView::rowsToCopy() const
{
    QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.isEmpty() && currentIndex().isValid())
        rows << currentIndex();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    return rows;
}

void TranscriptView::copySelection() const
{
    const QModelIndexList rows = rowsToCopy();
    if (!rows.isEmpty())
        QGuiApplication::clipboard()->setText(m_delegate->text().copyText(rows));
}

void TranscriptView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection(); // QAbstractItemView's own copies the current row's display text only
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_F2 && event->modifiers() == Qt::NoModifier && currentIndex().isValid()) {
        openTextSelection(currentIndex());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

QMenu* TranscriptView::createContextMenu(const QPoint& pos)
{
    const QPersistentModelIndex index = indexAt(pos);
    if (!index.isValid())
        return nullptr;
    auto* menu = new QMenu(this);
    QAction* copy = menu->addAction(tr("Copy text"), this, &TranscriptView::copySelection);
    copy->setObjectName(QStringLiteral("copyTextAction"));
    copy->setShortcut(QKeySequence::Copy);
    QAction* select = menu->addAction(tr("Select part of the text"), this, [this, index] {
        if (index.isValid())
            openTextSelection(index);
    });
    select->setObjectName(QStringLiteral("selectTextAction"));
    select->setShortcut(QKeySequence(Qt::Key_F2));
    // A failed send's Retry, for the keyboard too.
    if (!m_delegate->rowLayout(index).bubble().retryRect().isEmpty()) {
        const qint64 messageId = index.data(TranscriptRoles::MessageIdRole).toLongLong();
        menu->addSeparator();
        QAction* retry =
            menu->addAction(tr("Retry sending"), this, [this, messageId] { emit retryRequested(messageId); });
        retry->setObjectName(QStringLiteral("retrySendAction"));
    }
    // The card's buttons, for the keyboard too.
    if (const HandoffCardLayout* card = m_delegate->rowLayout(index).card()) {
        menu->addSeparator();
        if (!card->content().attemptsButton.isEmpty()) {
            QAction* attempts = menu->addAction(card->content().attemptsButton, this, [this, index] {
                if (index.isValid())
                    m_delegate->toggleAttempts(index);
            });
            attempts->setObjectName(QStringLiteral("attemptsAction"));
        }
        if (!card->content().resendButton.isEmpty()) {
            const qint64 eventId = card->content().eventId;
            QAction* resend = menu->addAction(card->content().resendButton, this,
                                              [this, eventId] { emit resendRequested(eventId); });
            resend->setObjectName(QStringLiteral("resendAction"));
        }
    }
    return menu;
}

void TranscriptView::contextMenuEvent(QContextMenuEvent* event)
{
    const QPoint pos = event->reason() == QContextMenuEvent::Mouse || !currentIndex().isValid()
                           ? event->pos()
                           : visualRect(currentIndex()).center();
    const std::unique_ptr<QMenu> menu(createContextMenu(pos));
    if (menu)
        menu->exec(viewport()->mapToGlobal(pos));
}

QPlainTextEdit* TranscriptView::openTextSelection(const QModelIndex& index)
{
    if (!index.isValid())
        return nullptr;
    closeTextSelection();
    // A persistent editor, opened by hand: the model is read-only, so Qt's edit triggers never
    // would, and Qt moves it with the row as the view scrolls.
    m_textSelectionIndex = index;
    openPersistentEditor(index);
    m_textSelection = qobject_cast<QPlainTextEdit*>(indexWidget(index));
    if (m_textSelection)
        m_textSelection->setFocus(Qt::OtherFocusReason);
    return m_textSelection;
}

void TranscriptView::closeTextSelection()
{
    if (!m_textSelection)
        return;
    const bool hadFocus = m_textSelection->hasFocus();
    m_textSelection = nullptr;
    if (m_textSelectionIndex.isValid())
        closePersistentEditor(m_textSelectionIndex);
    m_textSelectionIndex = QPersistentModelIndex();
    if (hadFocus)
        setFocus(Qt::OtherFocusReason);
}

void TranscriptView::closeEditor(QWidget* editor, QAbstractItemDelegate::EndEditHint hint)
{
    // Persistent editors are not closed by Qt when they lose the focus or on Escape: this one is.
    if (editor && editor == m_textSelection) {
        closeTextSelection();
        return;
    }
    QListView::closeEditor(editor, hint);
}

void TranscriptView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid() && event->button() == Qt::LeftButton) {
        const QRect row = visualRect(index);
        const QRect text = m_delegate->rowLayout(index).bubble().textRect().translated(row.topLeft());
        if (text.contains(event->position().toPoint())) {
            if (QPlainTextEdit* editor = openTextSelection(index)) {
                // The word double-clicked is selected, as in any text.
                QTextCursor cursor =
                    editor->cursorForPosition(editor->mapFrom(viewport(), event->position().toPoint()));
                cursor.select(QTextCursor::WordUnderCursor);
                editor->setTextCursor(cursor);
            }
            event->accept();
            return;
        }
    }
    QListView::mouseDoubleClickEvent(event);
}

void TranscriptView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    TranscriptDelegate::Button button = TranscriptDelegate::Button::None;
    if (index.isValid())
        button = m_delegate->buttonAt(index, pos - visualRect(index).topLeft());
    const qint64 id = index.isValid() ? index.data(TranscriptRoles::MessageIdRole).toLongLong() : 0;
    if (m_delegate->setHovered(id, button))
        viewport()->update();
    if (button == TranscriptDelegate::Button::None)
        viewport()->unsetCursor();
    else
        viewport()->setCursor(Qt::PointingHandCursor);
    if (m_delegate->pressing())
        return; // the press belongs to a button: it does not drag a selection
    QListView::mouseMoveEvent(event);
}

void TranscriptView::mouseReleaseEvent(QMouseEvent* event)
{
    QListView::mouseReleaseEvent(event);
    // Released below the last row, say: Qt hands that release to no delegate.
    if (m_delegate->pressing()) {
        m_delegate->releasePress();
        viewport()->update();
    }
}

void TranscriptView::leaveEvent(QEvent* event)
{
    if (m_delegate->setHovered(0, TranscriptDelegate::Button::None))
        viewport()->update();
    QListView::leaveEvent(event);
}

QModelIndex TranscriptView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    // With no current row (the view had the focus before this conversation's rows came, or was
    // tabbed into) the keys start at the newest message in view. Qt would pick the oldest one
    // loaded and scroll up to it; it asks here when the view gets the focus, too.
    if (!currentIndex().isValid() && m_rows->rowCount() > 0) {
        const QModelIndex newest = indexAt(QPoint(viewport()->width() / 2, viewport()->height() - 1));
        return newest.isValid() ? newest : m_rows->index(m_rows->rowCount() - 1, 0);
    }
    return QListView::moveCursor(action, modifiers);
}

void TranscriptView::changeEvent(QEvent* event)
{
    QListView::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_delegate->invalidateAll();
        verticalScrollBar()->setSingleStep(2 * fontMetrics().height());
        doItemsLayout();
    }
}

} // namespace zapito
