// SPDX-License-Identifier: Apache-2.0
#include "transcriptdelegate.h"

#include "bubblelayout.h"
#include "durationtext.h"
#include "inboxroles.h"
#include "transcriptrowlayout.h"
#include "uistyle.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QToolTip>

namespace zapito {

namespace {
// Rows whose laid-out text is kept: several screens' worth, so scrolling back and forth over
// what was just read lays nothing out again. Heights are kept for every row regardless.
constexpr int kLaidOutRowsKept = 400;

qint64 messageIdOf(const QModelIndex& index)
{
    return index.data(TranscriptRoles::MessageIdRole).toLongLong();
}

qint64 aboveIdOf(const QModelIndex& index)
{
    return index.row() > 0 ? messageIdOf(index.siblingAtRow(index.row() - 1)) : 0;
}

bool isLeftButton(QEvent* event)
{
    return static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton;
}
} // namespace

TranscriptDelegate::TranscriptDelegate(QAbstractItemView* view)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_fonts(transcript::Fonts::from(view->font()))
    , m_layouts(kLaidOutRowsKept)
{}

TranscriptDelegate::~TranscriptDelegate() = default;

void TranscriptDelegate::setNames(const QString& customer, const QString& bot)
{
    m_text.setNames(customer, bot);
    ++m_generation;
}

void TranscriptDelegate::setClock(TranscriptText::Clock clock)
{
    m_text.setClock(std::move(clock));
    ++m_generation;
}

void TranscriptDelegate::setResendAvailable(bool available)
{
    if (available == m_resendAvailable)
        return;
    m_resendAvailable = available;
    invalidateAll(); // a card's buttons can make its line taller
}

void TranscriptDelegate::setSampleConversation(bool sample)
{
    if (sample == m_sample)
        return;
    m_sample = sample;
    ++m_generation; // the same buttons, drawn enabled or not
}

void TranscriptDelegate::setRetryAvailable(bool available)
{
    if (available == m_retryAvailable)
        return;
    m_retryAvailable = available;
    invalidateAll(); // a failed bubble's header gains or loses its link
}

void TranscriptDelegate::setWidth(int width)
{
    // Entries for other widths stay until their row is measured again: a width the view goes
    // back to is measured anew, as text metrics are cheap to get wrong across a resize.
    m_width = qMax(1, width);
}

void TranscriptDelegate::invalidate(qint64 messageId)
{
    m_heights.remove(messageId);
    m_layouts.remove(messageId);
}

void TranscriptDelegate::invalidateAll()
{
    m_fonts = transcript::Fonts::from(m_view->font());
    m_heights.clear();
    m_layouts.clear();
    ++m_generation;
}

void TranscriptDelegate::reset()
{
    invalidateAll();
    m_attempts.clear();
    m_hovered = {};
    m_pressed = {};
}

qint64 TranscriptDelegate::showAttempts(qint64 handoffEventId, const QList<DeliveryAttempt>& attempts)
{
    const auto open = m_attempts.find(handoffEventId);
    if (open == m_attempts.end())
        return 0; // closed since, or another conversation's
    open->state = Attempts::State::Shown;
    open->list = attempts;
    invalidate(open->messageId);
    return open->messageId;
}

QList<qint64> TranscriptDelegate::showAttemptsError(const QString& error)
{
    QList<qint64> grown;
    for (Attempts& open : m_attempts) {
        if (open.state != Attempts::State::Reading)
            continue;
        open.state = Attempts::State::Unreadable;
        open.error = error;
        invalidate(open.messageId);
        grown << open.messageId;
    }
    return grown;
}

bool TranscriptDelegate::attemptsOpen(qint64 handoffEventId) const
{
    return m_attempts.contains(handoffEventId);
}

void TranscriptDelegate::toggleAttempts(const QModelIndex& index)
{
    const qint64 eventId = index.data(TranscriptRoles::HandoffEventIdRole).toLongLong();
    if (eventId == 0)
        return;
    const qint64 messageId = messageIdOf(index);
    if (!m_attempts.remove(eventId)) {
        m_attempts.insert(eventId, Attempts{Attempts::State::Reading, {}, {}, messageId});
        emit attemptsRequested(eventId);
    }
    invalidate(messageId);
    emit sizeHintChanged(index);
}

const TranscriptRowLayout& TranscriptDelegate::rowLayout(const QModelIndex& index) const
{
    const qint64 id = messageIdOf(index);
    const qint64 aboveId = aboveIdOf(index);
    if (const Cached* cached = m_layouts.object(id); cached && cached->layout->width() == m_width &&
                                                     cached->aboveId == aboveId &&
                                                     cached->generation == m_generation)
        return *cached->layout;
    return build(index, id, aboveId);
}

const TranscriptRowLayout& TranscriptDelegate::build(const QModelIndex& index, qint64 id,
                                                     qint64 aboveId) const
{
    using namespace TranscriptRoles;
    TranscriptRowLayout::Content content;
    if (TranscriptText::startsDay(index))
        content.dayText = m_text.dayText(TranscriptText::dayOf(index));
    content.bubble.role = index.data(RoleRole).value<MessageRole>();
    content.bubble.sender = m_text.sender(index);
    content.bubble.time = TranscriptText::time(index);
    content.bubble.text = TranscriptText::content(index);
    content.bubble.note = index.data(IsNoteRole).toBool();
    if (content.bubble.role != MessageRole::User)
        content.bubble.sendState = index.data(SendStateRole).value<SendState>();
    if (m_retryAvailable && content.bubble.sendState == SendState::Failed)
        content.bubble.retryText = TranscriptText::retryLabel();
    if (const qint64 eventId = index.data(HandoffEventIdRole).toLongLong(); eventId != 0) {
        HandoffCardLayout::Content card;
        card.eventId = eventId;
        card.reason = index.data(HandoffReasonRole).value<HandoffReason>();
        card.outcome = index.data(DeliveryOutcomeRole).value<DeliveryOutcome>();
        const int attempts = index.data(DeliveryAttemptCountRole).toInt();
        card.title = TranscriptText::handoffTitle(card.reason);
        card.outcomeText = TranscriptText::webhookOutcome(card.outcome, attempts);
        const auto open = m_attempts.constFind(eventId);
        if (open != m_attempts.cend()) {
            switch (open->state) {
            case Attempts::State::Reading:
                card.details << TranscriptText::readingAttempts();
                break;
            case Attempts::State::Shown:
                for (const DeliveryAttempt& a : open->list)
                    card.attempts.append({ui::messageTime(a.attemptedAtMs, m_text.now()),
                                          TranscriptText::attemptKind(a.kind),
                                          TranscriptText::attemptResult(a), ui::durationText(a.durationMs),
                                          a.httpStatus >= 200 && a.httpStatus < 300});
                if (card.attempts.isEmpty())
                    card.details << TranscriptText::noAttempts();
                break;
            case Attempts::State::Unreadable:
                card.details << open->error;
                break;
            }
        }
        if (attempts > 0 || open != m_attempts.cend())
            card.attemptsButton = TranscriptText::showAttemptsLabel(open != m_attempts.cend());
        if (m_resendAvailable) {
            card.resendButton = TranscriptText::resendLabel(card.outcome);
            card.resendEnabled = !m_sample;
        }
        if (const qint64 resolvedAt = index.data(HandoffResolvedAtMsRole).toLongLong(); resolvedAt > 0)
            card.resolved = TranscriptText::resolvedLine(
                resolvedAt, index.data(HandoffResolvedByRole).toString(), m_text.now());
        content.card = std::move(card);
    }
    auto* cached =
        new Cached{TranscriptRowLayout::build(content, m_fonts, m_width, m_view), aboveId, m_generation};
    ++m_built;
    const TranscriptRowLayout& built = *cached->layout;
    const bool widthFree = !built.card() && built.bubble().text().unwrapped();
    m_heights.insert(id, Measured{m_width, aboveId, built.height(),
                                  widthFree ? built.bubble().text().naturalWidth() : -1});
    m_layouts.insert(id, cached); // the cache owns it now; it evicts the longest unused, never this one
    return built;
}

QSize TranscriptDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex& index) const
{
    const qint64 id = messageIdOf(index);
    const qint64 aboveId = aboveIdOf(index);
    const auto measured = m_heights.find(id);
    if (measured != m_heights.end() && measured->aboveId == aboveId) {
        if (measured->width == m_width)
            return {m_width, measured->height};
        // Another width, but the text still fits unwrapped: nothing to lay out (a resize with
        // thousands of rows loaded measures only the long messages and the cards again).
        if (measured->sameHeightFromTextWidth >= 0 &&
            measured->sameHeightFromTextWidth <= BubbleLayout::maxTextWidth(m_width)) {
            measured->width = m_width;
            return {m_width, measured->height};
        }
    }
    return {m_width, build(index, id, aboveId).height()};
}

void TranscriptDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    const TranscriptRowLayout& layout = rowLayout(index);
    const qint64 id = messageIdOf(index);
    TranscriptRowLayout::PaintState state;
    state.selected = option.state & QStyle::State_Selected;
    state.focused = (option.state & QStyle::State_HasFocus) && m_view->hasFocus();
    if (m_hovered.messageId == id)
        state.hovered = m_hovered.button;
    if (m_pressed.messageId == id)
        state.pressed = m_pressed.button;
    painter->save();
    painter->translate(option.rect.topLeft());
    layout.paint(painter, option.palette, m_fonts, state, m_view);
    painter->restore();
}

TranscriptDelegate::Button TranscriptDelegate::buttonAt(const QModelIndex& index, const QPoint& inRow) const
{
    const TranscriptRowLayout& row = rowLayout(index);
    if (row.bubble().retryRect().contains(inRow))
        return Button::Retry;
    const HandoffCardLayout* card = row.card();
    return card ? card->buttonAt(inRow) : Button::None;
}

bool TranscriptDelegate::setHovered(qint64 messageId, Button button)
{
    const ButtonOfRow hovered{button == Button::None ? 0 : messageId, button};
    if (hovered == m_hovered)
        return false;
    m_hovered = hovered;
    return true;
}

void TranscriptDelegate::repaint()
{
    m_view->viewport()->update();
}

bool TranscriptDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                     const QStyleOptionViewItem& option, const QModelIndex& index)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonRelease &&
        type != QEvent::MouseButtonDblClick)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const QPoint inRow = static_cast<QMouseEvent*>(event)->position().toPoint() - option.rect.topLeft();
    const Button button = buttonAt(index, inRow);
    const qint64 id = messageIdOf(index);
    switch (type) {
    case QEvent::MouseButtonPress:
        // A press on a button is the button's: the row is not selected by it.
        if (button == Button::None || !isLeftButton(event))
            return false;
        m_pressed = {id, button};
        repaint();
        return true;
    case QEvent::MouseButtonDblClick:
        // The second press of a double click is not a second Resend.
        return button != Button::None;
    case QEvent::MouseButtonRelease: {
        if (m_pressed.button == Button::None)
            return false;
        const bool clicked = m_pressed == ButtonOfRow{id, button};
        m_pressed = {};
        repaint();
        if (!clicked)
            return true;
        if (button == Button::Resend && m_sample)
            return true; // disabled: its tooltip says why
        if (button == Button::Resend)
            emit resendRequested(index.data(TranscriptRoles::HandoffEventIdRole).toLongLong());
        else if (button == Button::Attempts)
            toggleAttempts(index);
        else if (button == Button::Retry)
            emit retryRequested(id);
        return true;
    }
    default:
        return false;
    }
}

bool TranscriptDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                   const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    using namespace TranscriptRoles;
    const QPoint inRow = event->pos() - option.rect.topLeft();
    const TranscriptRowLayout& layout = rowLayout(index);
    QString tip;
    QRect area;
    const BubbleLayout& bubble = layout.bubble();
    if (bubble.retryRect().contains(inRow)) {
        tip = TranscriptText::retryToolTip();
        area = bubble.retryRect();
    } else if (bubble.sendStateRect().contains(inRow)) {
        const auto state = bubble.content().sendState;
        const QString error = index.data(SendErrorRole).toString();
        tip = state == SendState::Failed && !error.isEmpty() ? error : TranscriptText::sendStateText(state);
        area = bubble.sendStateRect();
    } else if (bubble.timeRect().contains(inRow)) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(index.data(AtMsRole).toLongLong()).toLocalTime();
        tip = QLocale().toString(at.date(), QLocale::LongFormat) + u' ' + bubble.content().time;
        area = bubble.timeRect();
    } else if (const HandoffCardLayout* card = layout.card();
               card && card->buttonAt(inRow) == Button::Resend) {
        tip = card->content().resendEnabled ? TranscriptText::resendToolTip(card->content().outcome)
                                            : TranscriptText::sampleResendToolTip();
        area = card->buttonRect(Button::Resend);
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(event->globalPos(), tip, view->viewport(), area.translated(option.rect.topLeft()));
    return true;
}

QWidget* TranscriptDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                          const QModelIndex&) const
{
    auto* editor = new QPlainTextEdit(parent);
    editor->setObjectName(QStringLiteral("messageTextSelection"));
    editor->setReadOnly(true);
    editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    editor->setFrameShape(QFrame::NoFrame);
    editor->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    editor->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    editor->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    editor->document()->setDocumentMargin(0);
    editor->setContentsMargins(0, 0, 0, 0);
    editor->setFont(m_fonts.body);
    return editor;
}

void TranscriptDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* text = static_cast<QPlainTextEdit*>(editor);
    if (text->toPlainText() != TranscriptText::content(index))
        text->setPlainText(TranscriptText::content(index)); // plain: never read as markup
    // Drawn over the bubble, in its colours, so the text seems to stay where it was.
    QPalette palette = m_view->palette();
    BubbleLayout::Content bubble;
    bubble.role = index.data(TranscriptRoles::RoleRole).value<MessageRole>();
    bubble.note = index.data(TranscriptRoles::IsNoteRole).toBool();
    palette.setColor(QPalette::Base, BubbleLayout::fillColor(bubble, m_view->palette()));
    text->setPalette(palette);
}

void TranscriptDelegate::setModelData(QWidget*, QAbstractItemModel*, const QModelIndex&) const
{
    // Read-only: the transcript is what was said.
}

void TranscriptDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                              const QModelIndex& index) const
{
    // A little wider than the painted text: the editor's own layout must not wrap a line the
    // painted text did not.
    const QRect text = rowLayout(index).bubble().textRect().translated(option.rect.topLeft());
    editor->setGeometry(text.adjusted(0, 0, transcript::kBubblePadX / 2, 2));
}

} // namespace zapito
