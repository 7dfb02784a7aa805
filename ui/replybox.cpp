// SPDX-License-Identifier: Apache-2.0
#include "replybox.h"

#include "bubblelayout.h"
#include "emojipicker.h"
#include "messageparts.h"
#include "savedreplies.h"
#include "savedreplycompleter.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QToolButton>
#include <QVBoxLayout>

namespace zapito {

namespace {
QToolButton* modeButton(const QString& text, const QString& objectName, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(text);
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}
} // namespace

ReplyBox::ReplyBox(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_replyMode(modeButton(tr("Reply"), QStringLiteral("replyModeButton"), this))
    , m_noteMode(modeButton(tr("Note"), QStringLiteral("noteModeButton"), this))
    , m_emojiButton(new QToolButton(this))
    , m_count(ui::plainLabel(QString(), this))
    , m_notice(ui::plainLabel(QString(), this))
    , m_connect(new QPushButton(tr("Connect a channel…"), this))
    , m_noticeRow(new QWidget(this))
    , m_error(ui::plainLabel(QString(), this, true))
    , m_emoji(new EmojiPicker(this))
    , m_ownReplies(new SavedReplies(QString(), this))
    , m_replies(m_ownReplies)
    , m_completer(new SavedReplyCompleter(
          m_edit, [this] { return m_replies ? m_replies->list() : QList<SavedReply>(); }, this))
{
    setObjectName(QStringLiteral("replyBox"));
    m_edit->setObjectName(QStringLiteral("replyEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_notice->setObjectName(QStringLiteral("replyNotice"));
    m_connect->setObjectName(QStringLiteral("replyConnectButton"));
    m_error->setObjectName(QStringLiteral("replyError"));
    m_count->setObjectName(QStringLiteral("replyCharacterCount"));
    m_emojiButton->setObjectName(QStringLiteral("emojiButton"));
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    const int lineHeight = m_edit->fontMetrics().lineSpacing();
    m_edit->setFixedHeight(lineHeight * 3 + 16);
    m_notice->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->hide();
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, ui::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_count->hide();

    m_replyMode->setToolTip(tr("Write to the customer"));
    m_noteMode->setToolTip(tr("Write an internal note: only your team sees it, the customer never does"));
    auto* modes = new QButtonGroup(this);
    modes->setExclusive(true);
    modes->addButton(m_replyMode);
    modes->addButton(m_noteMode);
    m_replyMode->setChecked(true);
    connect(m_replyMode, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setMode(Mode::Reply);
    });
    connect(m_noteMode, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            setMode(Mode::Note);
    });

    m_emojiButton->setText(QStringLiteral("😊"));
    m_emojiButton->setAutoRaise(true);
    m_emojiButton->setToolTip(tr("Insert an emoji"));
    m_emojiButton->setAccessibleName(tr("Insert an emoji"));
    connect(m_emojiButton, &QToolButton::clicked, this, [this] { m_emoji->popUp(m_emojiButton); });
    connect(m_emoji, &EmojiPicker::picked, this, [this](const QString& emoji) {
        m_edit->insertPlainText(emoji);
        m_edit->setFocus(Qt::PopupFocusReason);
    });

    auto* noticeLayout = new QHBoxLayout(m_noticeRow);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_connect);
    m_noticeRow->hide();

    auto* modeRow = new QHBoxLayout;
    modeRow->setSpacing(2);
    modeRow->addWidget(m_replyMode);
    modeRow->addWidget(m_noteMode);
    modeRow->addStretch(1);
    modeRow->addWidget(m_count);
    auto* buttons = new QVBoxLayout;
    buttons->setSpacing(4);
    buttons->addStretch(1);
    buttons->addWidget(m_emojiButton, 0, Qt::AlignRight);
    buttons->addWidget(m_send);
    auto* editRow = new QHBoxLayout;
    editRow->setSpacing(8);
    editRow->addWidget(m_edit, 1);
    editRow->addLayout(buttons);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(12, 6, 12, 10);
    column->setSpacing(4);
    column->addWidget(m_noticeRow);
    column->addWidget(m_error);
    column->addLayout(modeRow);
    // The saved replies offered after "/", right above the editor and sized to them.
    column->addWidget(m_completer->popup(), 0, Qt::AlignLeft);
    column->addLayout(editRow);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReplyBox::updateSendEnabled);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReplyBox::updateCount);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            emit edited(m_edit->document()->isEmpty());
    });
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (!m_send->isEnabled())
            return;
        if (m_mode == Mode::Note)
            emit noteRequested(text());
        else
            emit sendRequested(text());
    });
    connect(m_connect, &QPushButton::clicked, this, &ReplyBox::connectChannelRequested);
    updateModeLook();
    updateSendEnabled();
}

ReplyBox::~ReplyBox() = default;

void ReplyBox::setTarget(const QString& channelName, const QString& customer, bool connected)
{
    m_connected = connected;
    m_unavailable.clear();
    m_customer = customer;
    m_notice->setText(tr("%1 is not connected yet, so a reply cannot reach %2. Connect the channel to "
                         "answer from here.")
                          .arg(channelName, isolated(customer)));
    showError(QString());
    updateModeLook();
    updateSendEnabled();
}

void ReplyBox::setUnavailable(const QString& reason)
{
    m_unavailable = reason;
    m_connected = false;
    updateModeLook();
    updateSendEnabled();
}

void ReplyBox::setLengthLimit(qsizetype limit)
{
    m_limit = qMax<qsizetype>(0, limit);
    updateCount();
}

void ReplyBox::setSavedReplies(SavedReplies* replies)
{
    m_replies = replies ? replies : m_ownReplies;
}

void ReplyBox::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_completer->close();
    (mode == Mode::Note ? m_noteMode : m_replyMode)->setChecked(true);
    showError(QString());
    updateModeLook();
    updateSendEnabled();
    updateCount();
}

void ReplyBox::updateModeLook()
{
    const bool note = m_mode == Mode::Note;
    if (note) {
        QPalette tinted = palette();
        tinted.setColor(QPalette::Base, BubbleLayout::noteColor(palette()));
        m_edit->setPalette(tinted);
    } else {
        m_edit->setPalette(QPalette()); // the window's again
    }
    m_edit->setAccessibleDescription(note ? tr("Internal note: the customer never sees it") : QString());
    m_send->setText(note ? tr("Add note") : tr("Send"));
    // A note needs no channel: it never leaves the inbox.
    const bool unavailable = !note && !m_unavailable.isEmpty();
    m_send->setToolTip(unavailable ? m_unavailable
                       : note      ? tr("Add the note for your team (Ctrl+Enter)")
                                   : tr("Send the reply (Ctrl+Enter)"));
    m_edit->setToolTip(unavailable ? m_unavailable : QString());
    m_noticeRow->setVisible(!note && !m_connected && m_unavailable.isEmpty());
    m_edit->setEnabled(note || m_connected);
    updatePlaceholder();
}

void ReplyBox::updatePlaceholder()
{
    if (m_mode == Mode::Reply && !m_unavailable.isEmpty()) {
        m_edit->setPlaceholderText(m_unavailable);
        return;
    }
    m_edit->setPlaceholderText(
        m_mode == Mode::Note
            ? tr("Note for your team; %1 never sees it…  (Ctrl+Enter adds it)").arg(isolated(m_customer))
            : tr("Reply to %1…  (Ctrl+Enter sends, / for saved replies)").arg(isolated(m_customer)));
}

void ReplyBox::updateCount()
{
    const qsizetype length = m_edit->toPlainText().size();
    if (m_mode == Mode::Note || m_limit <= 0 || length < qsizetype(m_limit * kCountFromShare)) {
        m_count->hide();
        return;
    }
    const QLocale locale;
    QString shown = tr("%1 / %2").arg(locale.toString(length), locale.toString(m_limit));
    QPalette countPalette = palette();
    if (length > m_limit) {
        const int parts = int(splitMessage(m_edit->toPlainText(), m_limit).size());
        shown = tr("%1 / %2 · sent as %n messages", "", parts)
                    .arg(locale.toString(length), locale.toString(m_limit));
        countPalette.setColor(QPalette::WindowText, ui::errorText(palette()));
        m_count->setToolTip(tr("Longer than one message can be: the reply is split into parts, at a line "
                               "break or a space where it can."));
    } else {
        countPalette.setColor(QPalette::WindowText, ui::mutedText(palette()));
        m_count->setToolTip(tr("One message takes at most %1 characters").arg(locale.toString(m_limit)));
    }
    m_count->setPalette(countPalette);
    m_count->setText(shown);
    m_count->show();
}

QString ReplyBox::text() const
{
    return m_edit->toPlainText();
}

void ReplyBox::clearText()
{
    const QScopedValueRollback programmatic(m_settingText, true);
    m_edit->clear();
}

void ReplyBox::setText(const QString& text)
{
    const QScopedValueRollback programmatic(m_settingText, true);
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
}

void ReplyBox::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ReplyBox::focusEditor()
{
    if (m_edit->isEnabled())
        m_edit->setFocus(Qt::ShortcutFocusReason);
}

void ReplyBox::updateSendEnabled()
{
    m_send->setEnabled(!m_sending && (m_mode == Mode::Note || m_connected) &&
                       !m_edit->toPlainText().trimmed().isEmpty());
}

void ReplyBox::setSending(bool sending)
{
    if (m_sending == sending)
        return;
    m_sending = sending;
    m_edit->setReadOnly(sending);
    updateSendEnabled();
}

void ReplyBox::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateModeLook(); // the desktop went dark or light: the note's amber follows
}

bool ReplyBox::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::ShortcutOverride &&
        m_completer->wantsKey(static_cast<QKeyEvent*>(event))) {
        event->accept(); // Esc or Enter closes the list, whatever the window's shortcuts say
        return true;
    }
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (m_completer->handleKey(key))
            return true;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            m_send->click();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace zapito
