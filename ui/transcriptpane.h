// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"
#include "expected.h"
#include "presence.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace zapito {

class ChannelRegistry;
class ConversationEngine;
class ConversationStore;
class EmptyState;
class PresenceLabel;
class ReplyBox;
class TranscriptModel;
class TranscriptView;

// The right side of the window: who the conversation is with and its state, Mark resolved,
// the transcript and the reply box. Talks to the engine for replies and resolving.
class TranscriptPane final : public QWidget
{
    Q_OBJECT
public:
    TranscriptPane(ConversationStore& store, ConversationEngine& engine, ChannelRegistry& channels,
                   TranscriptModel& model, QWidget* parent = nullptr);

    // Shows the conversation the transcript model now holds (empty: the "pick one" state).
    void showConversation(const QString& conversationId);
    const QString& conversationId() const { return m_conversationId; }
    // Mark resolved, Ctrl+R; enabled only while the shown conversation waits for a human.
    QAction* resolveAction() const { return m_resolveAction; }
    // Assign to me: the shown conversation becomes this seat's operator's (Mine).
    QAction* assignAction() const { return m_assignAction; }
    // Reopen: undoes the shown conversation's resolution; enabled only while it is resolved.
    QAction* reopenAction() const { return m_reopenAction; }
    // `resend` answers with what happens, in a sentence for the status bar.
    void setResendHandler(std::function<QString(qint64)> resend);
    void focusReply();
    // With no conversations at all, the empty pane says what to do first instead of "pick one".
    void setInboxEmpty(bool empty);
    // The channel may have connected or disconnected since the conversation was opened.
    void refreshChannelState();
    // In a seat another process leads and has the channels: a reply is stored with its outbox
    // row here and sent there, so the reply box never waits for a channel of this process.
    void setChannelsElsewhere(bool elsewhere);
    // Who else is on which conversation: the line above the reply box names those on this one.
    void setPresence(const Presence& others);
    PresenceLabel* presenceLabel() const { return m_presence; }
    TranscriptView* view() const { return m_view; }
    ReplyBox* replyBox() const { return m_reply; }

signals:
    void connectChannelRequested();
    void statusMessage(const QString& message);
    // The operator resolved this conversation here (Undo reopens it).
    void resolved(const QString& conversationId, const QString& title);
    // The operator changed the reply or note being written here (`empty`: sent, or deleted).
    void replyEdited(bool empty);

private:
    void refreshHeader();
    void showHeader(const Expected<Conversation>& conversation);
    void resolve();
    void reopen();
    void assignToMe();
    void sendReply(const QString& text);
    void addNote(const QString& text);
    void retrySend(qint64 messageId);
    // Sends or notes the reply box's text through `write`; the box waits for the result.
    void
    startWrite(const QString& text,
               const std::function<void(const QString&, const QString&, std::function<void(Status)>)>& write);

    ConversationStore& m_store;
    ConversationEngine& m_engine;
    ChannelRegistry& m_channels;
    TranscriptModel& m_model;
    QString m_conversationId;
    std::function<QString(qint64)> m_resend;
    bool m_channelsElsewhere = false;
    QSet<QString> m_resolving;        // conversations whose Mark resolved is being written
    QHash<QString, QString> m_drafts; // unsent replies, kept while the operator looks elsewhere
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    QWidget* m_content;
    QLabel* m_title;
    QLabel* m_subtitle;
    QPushButton* m_resolveButton;
    QAction* m_resolveAction;
    QPushButton* m_assignButton;
    QAction* m_assignAction;
    QPushButton* m_reopenButton;
    QAction* m_reopenAction;
    TranscriptView* m_view;
    PresenceLabel* m_presence;
    Presence m_others;
    ReplyBox* m_reply;
};

} // namespace zapito
