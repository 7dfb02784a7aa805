// SPDX-License-Identifier: Apache-2.0
#include "savedreplycompleter.h"

#include "uistyle.h"

#include <QApplication>
#include <QKeyEvent>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTextBlock>
#include <QtMath>

namespace zapito {

namespace {
constexpr int kVisibleRows = 6;
constexpr int kPreviewLength = 80;
constexpr int kPaddingX = 10;
constexpr int kPaddingY = 6;
constexpr int kColumnGap = 14; // between the names and the previews
constexpr int kMinimumWidth = 280;
constexpr int kMaximumWidth = 620;
constexpr qreal kNameShare = 0.4;          // of the list's width, at most, for the names
constexpr int kPreviewRole = Qt::UserRole; // the start of the reply's text, on one line

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

QFont nameFont(const QFont& font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

int advance(const QFont& font, const QString& text)
{
    return qCeil(QFontMetricsF(font).horizontalAdvance(text));
}
} // namespace

// One reply on one line: its "/name" in bold, then its text in a muted colour, elided; the
// previews start in one column so the list reads as a table.
class SavedReplyCompleter::ItemDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void setNameColumn(int width) { m_nameColumn = width; }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const override
    {
        const int height =
            qMax(QFontMetrics(nameFont(option.font)).height(), QFontMetrics(option.font).height());
        return {kMinimumWidth, height + 2 * kPaddingY};
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        ui::drawRowPanel(p, opt);
        const auto [text, muted] = ui::rowColors(option, 0.3);
        const QRect r = option.rect.adjusted(kPaddingX, 0, -kPaddingX, 0);
        const QFont bold = nameFont(option.font);
        const int nameWidth = qMin(m_nameColumn, r.width());
        const QRect name(r.left(), r.top(), nameWidth, r.height());
        const QRect preview(name.right() + 1 + kColumnGap, r.top(),
                            qMax(0, r.right() - name.right() - kColumnGap), r.height());
        const auto flags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine;
        p->save();
        p->setFont(bold);
        p->setPen(text);
        p->drawText(QStyle::visualRect(option.direction, option.rect, name), flags,
                    QFontMetrics(bold).elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                                  name.width()));
        p->setFont(option.font);
        p->setPen(muted);
        p->drawText(QStyle::visualRect(option.direction, option.rect, preview), flags,
                    QFontMetrics(option.font)
                        .elidedText(index.data(kPreviewRole).toString(), Qt::ElideRight, preview.width()));
        p->restore();
    }

private:
    int m_nameColumn = 0;
};

SavedReplyCompleter::SavedReplyCompleter(QPlainTextEdit* editor, Source source, QObject* parent)
    : QObject(parent)
    , m_editor(editor)
    , m_source(std::move(source))
    , m_popup(new QListWidget(editor->parentWidget() ? editor->parentWidget() : editor))
    , m_delegate(new ItemDelegate(m_popup))
{
    m_popup->setObjectName(QStringLiteral("savedReplyPopup"));
    m_popup->setItemDelegate(m_delegate);
    m_popup->setFocusPolicy(Qt::NoFocus);
    m_popup->setMouseTracking(true);
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
        auto* item = new QListWidgetItem(u'/' + reply.name);
        item->setData(kPreviewRole, previewOf(reply.text));
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
    const int frame = 2 * m_popup->frameWidth();
    const int scrollBar =
        m_popup->count() > kVisibleRows ? m_popup->verticalScrollBar()->sizeHint().width() : 0;
    const int widest = qMax(qMin(kMinimumWidth, m_editor->width()), qMin(kMaximumWidth, m_editor->width()));
    const QFont font = m_popup->font();
    int names = 0;
    int previews = 0;
    for (int row = 0; row < m_popup->count(); ++row) {
        const QListWidgetItem* item = m_popup->item(row);
        names = qMax(names, advance(nameFont(font), item->text()));
        previews = qMax(previews, advance(font, item->data(kPreviewRole).toString()));
    }
    const int chrome = 2 * kPaddingX + frame + scrollBar;
    const int nameColumn = qMin(names, int((widest - chrome) * kNameShare));
    m_delegate->setNameColumn(nameColumn);
    const int width =
        qBound(qMin(kMinimumWidth, widest), chrome + nameColumn + kColumnGap + previews, widest);
    const int height = rows * m_popup->sizeHintForRow(0) + frame;
    m_popup->setFixedSize(width, height);
    m_popup->viewport()->update();
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
