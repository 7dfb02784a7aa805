// SPDX-License-Identifier: Apache-2.0
#include "replybox.h"

#include "uistyle.h"
#include "untrustedtext.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace zapito {

ReplyBox::ReplyBox(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_notice(ui::plainLabel(QString(), this))
    , m_connect(new QPushButton(tr("Connect a channel…"), this))
    , m_noticeRow(new QWidget(this))
    , m_error(ui::plainLabel(QString(), this, true))
{
    setObjectName(QStringLiteral("replyBox"));
    m_edit->setObjectName(QStringLiteral("replyEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_notice->setObjectName(QStringLiteral("replyNotice"));
    m_connect->setObjectName(QStringLiteral("replyConnectButton"));
    m_error->setObjectName(QStringLiteral("replyError"));
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    const int lineHeight = m_edit->fontMetrics().lineSpacing();
    m_edit->setFixedHeight(lineHeight * 3 + 16);
    m_send->setToolTip(tr("Send the reply (Ctrl+Enter)"));
    m_notice->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->hide();
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, ui::errorText(palette()));
    m_error->setPalette(errorPalette);

    auto* noticeLayout = new QHBoxLayout(m_noticeRow);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_connect);
    m_noticeRow->hide();

    auto* editRow = new QHBoxLayout;
    editRow->setSpacing(8);
    editRow->addWidget(m_edit, 1);
    editRow->addWidget(m_send, 0, Qt::AlignBottom);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(12, 8, 12, 10);
    column->setSpacing(6);
    column->addWidget(m_noticeRow);
    column->addWidget(m_error);
    column->addLayout(editRow);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReplyBox::updateSendEnabled);
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_send->isEnabled())
            emit sendRequested(text());
    });
    connect(m_connect, &QPushButton::clicked, this, &ReplyBox::connectChannelRequested);
    updateSendEnabled();
}

void ReplyBox::setTarget(const QString& channelName, const QString& customer, bool connected)
{
    m_connected = connected;
    m_edit->setPlaceholderText(tr("Reply to %1…  (Ctrl+Enter sends)").arg(isolated(customer)));
    m_notice->setText(tr("%1 is not connected yet, so a reply cannot reach %2. Connect the channel to "
                         "answer from here.")
                          .arg(channelName, isolated(customer)));
    m_noticeRow->setVisible(!connected);
    m_edit->setEnabled(connected);
    m_edit->setToolTip(QString());
    m_send->setToolTip(tr("Send the reply (Ctrl+Enter)"));
    showError(QString());
    updateSendEnabled();
}

void ReplyBox::setUnavailable(const QString& reason)
{
    m_connected = false;
    m_noticeRow->hide();
    m_edit->setEnabled(false);
    m_edit->setPlaceholderText(reason);
    for (QWidget* w : {static_cast<QWidget*>(m_edit), static_cast<QWidget*>(m_send)})
        w->setToolTip(reason);
    updateSendEnabled();
}

QString ReplyBox::text() const
{
    return m_edit->toPlainText();
}

void ReplyBox::clearText()
{
    m_edit->clear();
}

void ReplyBox::setText(const QString& text)
{
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
    m_send->setEnabled(m_connected && !m_edit->toPlainText().trimmed().isEmpty());
}

bool ReplyBox::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            m_send->click();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace zapito
