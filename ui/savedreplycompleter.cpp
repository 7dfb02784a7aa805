// SPDX-License-Identifier: Apache-2.0
#include "savedreplycompleter.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollBar>
#include <QTextBlock>

namespace zapito {

namespace {
constexpr int kVisibleRows = 6;
constexpr int kPreviewLength = 60;

bool isNameCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'_';
}

QString previewOf(const QString& text)
{
    QString line = text.simplified();
    if (line.size() > kPreviewLength)
        line = line.left(kPreviewLength - 1) + QChar(0x2026);
    return line;
}
} // namespace

SavedReplyCompleter::SavedReplyCompleter(QPlainTextEdit* editor, Source source, QObject* parent)
    : QObject(parent)
    , m_editor(editor)
    , m_source(std::move(source))
    , m_popup(new QListWidget(editor))
{
    m_popup->setObjectName(QStringLiteral("savedReplyPopup"));
    // A tool tip's kind of window: shown over the editor without taking the keyboard from it.
    m_popup->setWindowFlags(Qt::ToolTip | Qt::FramelessWindowHint);
    m_popup->setAttribute(Qt::WA_ShowWithoutActivating);
    m_popup->setFocusPolicy(Qt::NoFocus);
    m_popup->setSelectionMode(QAbstractItemView::SingleSelection);
    m_popup->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_popup->setUniformItemSizes(true);
    m_popup->setTextElideMode(Qt::ElideRight);
    m_popup->hide();
    connect(m_popup, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        m_popup->setCurrentItem(item);
        insertCurrent();
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &SavedReplyCompleter::refresh);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &SavedReplyCompleter::refresh);
    m_editor->installEventFilter(this);
}

SavedReplyCompleter::~SavedReplyCompleter() = default;

bool SavedReplyCompleter::isOpen() const
{
    return m_popup->isVisible();
}

void SavedReplyCompleter::close()
{
    m_popup->hide();
}

SavedReplyCompleter::Token SavedReplyCompleter::tokenAtCursor() const
{
    const QTextCursor cursor = m_editor->textCursor();
    if (cursor.hasSelection())
        return {};
    const QTextBlock block = cursor.block();
    const QString line = block.text();
    const int column = cursor.positionInBlock();
    int i = column;
    while (i > 0 && isNameCharacter(line.at(i - 1)))
        --i;
    if (i == 0 || line.at(i - 1) != u'/')
        return {};
    const int slash = i - 1;
    if (slash > 0 && !line.at(slash - 1).isSpace())
        return {}; // "and/or", a URL: not a saved reply
    return {block.position() + slash, line.mid(i, column - i)};
}

void SavedReplyCompleter::refresh()
{
    if (m_inserting)
        return;
    const Token token = tokenAtCursor();
    if (token.start < 0 || token.start == m_dismissedAt || !m_editor->hasFocus()) {
        if (token.start != m_dismissedAt)
            m_dismissedAt = -1;
        close();
        return;
    }
    if (token.start != m_tokenStart) {
        m_tokenStart = token.start;
        m_replies = m_source ? m_source() : QList<SavedReply>();
    }
    m_shown = SavedReplies::matching(m_replies, token.typed);
    if (m_shown.isEmpty()) {
        close();
        return;
    }
    m_popup->clear();
    for (const SavedReply& reply : std::as_const(m_shown)) {
        // Plain items: a reply's text is shown, never interpreted.
        auto* item = new QListWidgetItem(u'/' + reply.name + QStringLiteral("   ") + previewOf(reply.text));
        item->setToolTip(reply.text);
        m_popup->addItem(item);
    }
    m_popup->setCurrentRow(0);
    place();
    m_popup->show();
}

void SavedReplyCompleter::place()
{
    const int rows = qMin(kVisibleRows, m_popup->count());
    const int rowHeight = m_popup->sizeHintForRow(0);
    const int height = rows * rowHeight + 2 * m_popup->frameWidth();
    const int width = qMax(240, qMin(m_editor->width(), 460));
    const QRect caret = m_editor->cursorRect();
    // Above the line being typed: the reply box sits at the bottom of the window.
    QPoint at = m_editor->viewport()->mapToGlobal(QPoint(caret.left(), caret.top() - height - 2));
    if (const QScreen* screen = m_editor->screen()) {
        const QRect area = screen->availableGeometry();
        if (at.y() < area.top())
            at.setY(m_editor->viewport()->mapToGlobal(caret.bottomLeft()).y() + 2);
        at.setX(qBound(area.left(), at.x(), qMax(area.left(), area.right() - width)));
    }
    m_popup->setGeometry(QRect(at, QSize(width, height)));
}

void SavedReplyCompleter::move(int delta)
{
    const int count = m_popup->count();
    if (count == 0)
        return;
    m_popup->setCurrentRow((m_popup->currentRow() + delta + count) % count);
}

void SavedReplyCompleter::insertCurrent()
{
    const int row = m_popup->currentRow();
    if (row < 0 || row >= m_shown.size())
        return;
    const Token token = tokenAtCursor();
    if (token.start < 0)
        return close();
    const SavedReply reply = m_shown.at(row);
    m_inserting = true;
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(token.start);
    cursor.setPosition(m_editor->textCursor().position(), QTextCursor::KeepAnchor);
    cursor.insertText(reply.text); // plain text: insertText never reads markup
    m_editor->setTextCursor(cursor);
    m_inserting = false;
    m_tokenStart = -1;
    close();
    emit inserted(reply.name);
}

bool SavedReplyCompleter::wantsKey(const QKeyEvent* key) const
{
    if (!isOpen() || (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false;
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
    case Qt::Key_Escape:
    case Qt::Key_Up:
    case Qt::Key_Down:
        return true;
    default:
        return false;
    }
}

bool SavedReplyCompleter::handleKey(const QKeyEvent* key)
{
    if (!isOpen())
        return false;
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false; // Ctrl+Enter still sends
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Tab:
        insertCurrent();
        return true;
    case Qt::Key_Escape:
        m_dismissedAt = m_tokenStart;
        close();
        return true;
    case Qt::Key_Up:
        move(-1);
        return true;
    case Qt::Key_Down:
        move(1);
        return true;
    default:
        return false;
    }
}

bool SavedReplyCompleter::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_editor) {
        switch (event->type()) {
        case QEvent::FocusOut:
        case QEvent::Hide:
            if (!m_popup->underMouse())
                close();
            break;
        case QEvent::Resize:
        case QEvent::Move:
            if (isOpen())
                place();
            break;
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace zapito
