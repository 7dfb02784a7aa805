// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace zapito {

class ConversationEngine;
class ConversationStore;
class InboxServices;
class PreviewChannel;

// Tools → Preview chat: the operator writes as a customer of the "preview" channel and sees
// the bot's (and operators') answers, to try the flow, the model and the whole handoff path
// without any external account. The conversation also shows in the inbox like any other.
class PreviewChatWindow final : public QWidget
{
    Q_OBJECT
public:
    PreviewChatWindow(PreviewChannel& channel, ConversationEngine& engine, ConversationStore& store,
                      QWidget* parent = nullptr);

    // Shows the one preview window of `parent` (made on first use) and brings it to the front.
    static PreviewChatWindow* showFor(InboxServices& services, QWidget* parent);

private:
    void send();
    void startOver();
    void append(const QString& who, const QString& text);
    void onHandoff(const QString& conversationId, bool recorded);

    PreviewChannel& m_channel;
    ConversationStore& m_store;
    QListWidget* m_messages;
    QLineEdit* m_input;
    QPushButton* m_send;
    QLabel* m_state;
};

} // namespace zapito
