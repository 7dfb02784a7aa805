// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "handoffcardlayout.h"
#include "transcriptmetrics.h"
#include "transcripttext.h"

#include <QCache>
#include <QHash>
#include <QStyledItemDelegate>

class QAbstractItemView;

namespace zapito {

class TranscriptRowLayout;

// Paints the transcript's rows (customer, bot and operator bubbles, day separators, handoff
// cards) as plain text laid out with QTextLayout, and handles the card's buttons. Each row is laid
// out once per width: its height is kept per (message, width, message above) so sizeHint() is a
// hash lookup, and the laid-out text of the rows lately painted is kept for painting again.
// The view says when a width or a row changed.
class TranscriptDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using Button = HandoffCardLayout::Button;

    explicit TranscriptDelegate(QAbstractItemView* view);
    ~TranscriptDelegate() override;

    const TranscriptText& text() const { return m_text; }
    void setNames(const QString& customer, const QString& bot);
    void setClock(TranscriptText::Clock clock);
    // Whether the cards offer Resend / Send now (only when someone handles resendRequested).
    void setResendAvailable(bool available);
    bool resendAvailable() const { return m_resendAvailable; }
    // The cards of a sample conversation show Resend disabled, its tooltip saying why.
    void setSampleConversation(bool sample);
    bool sampleConversation() const { return m_sample; }
    // Whether a failed send offers Retry (only when someone handles retryRequested).
    void setRetryAvailable(bool available);
    bool retryAvailable() const { return m_retryAvailable; }

    // The width rows are laid out for: the view's viewport.
    void setWidth(int width);
    int width() const { return m_width; }
    // The row of this message changed (its send state, its handoff): measure it again.
    void invalidate(qint64 messageId);
    // Every row changed (another font, the card's buttons).
    void invalidateAll();
    // Another conversation: also closes the attempts of every card.
    void reset();

    // The delivery attempts of a card that asked for them, or why they could not be read. Returns
    // the message whose row grew, 0 when no card was waiting for them.
    qint64 showAttempts(qint64 handoffEventId, const QList<DeliveryAttempt>& attempts);
    QList<qint64> showAttemptsError(const QString& error);
    bool attemptsOpen(qint64 handoffEventId) const;
    // Shows or hides the attempts of the row's card, as its button does; the view offers it in the
    // context menu too, for the keyboard.
    void toggleAttempts(const QModelIndex& index);

    // The row as painted, in row coordinates (valid until the next call).
    const TranscriptRowLayout& rowLayout(const QModelIndex& index) const;
    Button buttonAt(const QModelIndex& index, const QPoint& inRow) const;
    // The button under the mouse, drawn hovered. True when that changed.
    bool setHovered(qint64 messageId, Button button);
    // A button is held down: the mouse's moves are not a drag selecting rows.
    bool pressing() const { return m_pressed.button != Button::None; }
    // The mouse was released where no row's delegate saw it (outside every row): no click.
    void releasePress() { m_pressed = {}; }
    // How many rows were laid out so far: a row measured once is never measured again for the
    // same width.
    int layoutsBuilt() const { return m_built; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // The editor is a read-only text box over the message's text, for selecting part of it.
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;

signals:
    void resendRequested(qint64 handoffEventId);
    void retryRequested(qint64 messageId);
    void attemptsRequested(qint64 handoffEventId);

private:
    struct Attempts
    {
        enum class State
        {
            Reading,
            Shown,
            Unreadable,
        };
        State state = State::Reading;
        QList<DeliveryAttempt> list;
        QString error;
        qint64 messageId = 0;
    };
    struct Measured
    {
        int width = 0;
        qint64 aboveId = 0;
        int height = 0;
        // A row of one bubble whose text was not wrapped has this height at any width its text
        // still fits in: the widest its text is, or -1 when the height depends on the width.
        int sameHeightFromTextWidth = -1;
    };
    struct Cached
    {
        std::unique_ptr<TranscriptRowLayout> layout;
        qint64 aboveId = 0;
        quint64 generation = 0;
    };
    struct ButtonOfRow
    {
        qint64 messageId = 0;
        Button button = Button::None;
        bool operator==(const ButtonOfRow&) const = default;
    };

    const TranscriptRowLayout& build(const QModelIndex& index, qint64 id, qint64 aboveId) const;
    void repaint();

    QAbstractItemView* m_view;
    TranscriptText m_text;
    transcript::Fonts m_fonts;
    int m_width = 480;
    bool m_resendAvailable = false;
    bool m_sample = false;
    bool m_retryAvailable = false;
    quint64 m_generation = 0; // bumped when names or the clock change: words, not heights
    mutable QHash<qint64, Measured> m_heights;
    mutable QCache<qint64, Cached> m_layouts;
    mutable int m_built = 0;
    QHash<qint64, Attempts> m_attempts; // by handoff event: the cards whose attempts are open
    ButtonOfRow m_hovered;
    ButtonOfRow m_pressed;
};

} // namespace zapito
