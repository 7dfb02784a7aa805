// SPDX-License-Identifier: Apache-2.0
#include "previewchatwindow.h"

#include "storequeries.h"
#include "storereader.h"

#include "conversationengine.h"
#include "conversationstore.h"
#include "inboxservices.h"
#include "previewchannel.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace zapito {

PreviewChatWindow::PreviewChatWindow(PreviewChannel& channel, ConversationEngine& engine,
                                     ConversationStore& store, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_channel(channel)
    , m_store(store)
    , m_messages(new QListWidget(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_state(ui::plainLabel(QString(), this))
{
    setObjectName(QStringLiteral("previewChatWindow"));
    setWindowTitle(tr("Preview chat"));
    setWindowIcon(ui::resourceIcon(QStringLiteral("preview")));
    m_messages->setObjectName(QStringLiteral("previewMessages"));
    m_messages->setWordWrap(true);
    m_messages->setSelectionMode(QAbstractItemView::NoSelection);
    m_messages->setUniformItemSizes(false);
    m_input->setObjectName(QStringLiteral("previewInput"));
    m_input->setPlaceholderText(tr("Write as the customer…"));
    m_send->setObjectName(QStringLiteral("previewSend"));
    m_state->setObjectName(QStringLiteral("previewState"));
    m_state->setWordWrap(true);
    auto* newConversation = new QPushButton(tr("New conversation"), this);
    newConversation->setObjectName(QStringLiteral("previewNewConversation"));

    auto* intro = ui::plainLabel(tr("You are the customer here. Messages go through the bot exactly as a "
                                    "Telegram or WhatsApp message would, and show up in the inbox."),
                                 this);
    intro->setWordWrap(true);
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    auto* column = new QVBoxLayout(this);
    column->addWidget(intro);
    column->addWidget(m_messages, 1);
    column->addWidget(m_state);
    column->addLayout(inputRow);
    column->addWidget(newConversation, 0, Qt::AlignRight);
    resize(420, 560);

    connect(m_send, &QPushButton::clicked, this, &PreviewChatWindow::send);
    connect(m_input, &QLineEdit::returnPressed, this, &PreviewChatWindow::send);
    connect(newConversation, &QPushButton::clicked, this, &PreviewChatWindow::startOver);
    connect(&m_channel, &PreviewChannel::delivered, this,
            [this](const QString& externalId, const QString& text) {
                if (externalId == m_channel.externalId())
                    append(tr("Business"), text);
            });
    connect(&engine, &ConversationEngine::handoffRecorded, this,
            [this](qint64, const QString& conversationId) { onHandoff(conversationId, true); });
    connect(&engine, &ConversationEngine::handoffResolved, this,
            [this](qint64, const QString& conversationId) { onHandoff(conversationId, false); });
    startOver();
}

PreviewChatWindow* PreviewChatWindow::showFor(InboxServices& services, QWidget* parent)
{
    auto* window =
        parent ? parent->findChild<PreviewChatWindow*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!window)
        window = new PreviewChatWindow(services.connectors().preview(), services.engine(), services.store(),
                                       parent);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void PreviewChatWindow::append(const QString& who, const QString& text)
{
    // Plain text: a QListWidgetItem never interprets markup.
    auto* item = new QListWidgetItem(QStringLiteral("%1: %2").arg(who, isolated(text)), m_messages);
    if (who == tr("You"))
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_messages->scrollToBottom();
}

void PreviewChatWindow::send()
{
    const QString text = m_input->text().trimmed();
    if (text.isEmpty())
        return;
    m_input->clear();
    append(tr("You"), text);
    m_channel.customerSays(text);
}

void PreviewChatWindow::startOver()
{
    m_channel.startNewConversation();
    m_messages->clear();
    m_state->setText(tr("New conversation as “%1”. The bot answers.").arg(isolated(m_channel.contactName())));
    m_input->setFocus();
}

void PreviewChatWindow::onHandoff(const QString& conversationId, bool recorded)
{
    m_store.reader().read<Expected<Conversation>>(
        this, QString(),
        [conversationId](const QSqlDatabase& db) { return StoreQueries::conversation(db, conversationId); },
        [this, recorded](Expected<Conversation> conversation) {
            if (!conversation || conversation->channel != m_channel.name() ||
                conversation->externalId != m_channel.externalId())
                return;
            m_state->setText(recorded ? tr("Handed to a human: the bot is silent until the conversation is "
                                           "marked resolved in the inbox.")
                                      : tr("Resolved: the bot answers again."));
        });
}

} // namespace zapito
