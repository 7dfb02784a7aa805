// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QTimer;

namespace zapito {

class ConversationListModel;
class ConversationStore;
class TranscriptModel;

// Sits between the conversation list and the transcript: the list's current row decides which
// conversation the transcript shows. Loads carry a generation number and the transcript's reads
// run off the GUI thread, superseding each other, so running through the list with the arrow
// keys reads only where the operator stops, and a load the selection moved past is dropped. Opening marks the
// conversation read; a filter change keeps the open conversation selected when it is still listed,
// and when a new search or view no longer lists it the transcript closes (nothing selected).
class SelectionController final : public QObject
{
    Q_OBJECT
public:
    SelectionController(QAbstractItemView& list, ConversationListModel& listModel, ConversationStore& store,
                        TranscriptModel& transcript, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(SelectionController)

    // How long the selection must rest before the transcript loads (0 = next event loop turn).
    void setLoadDelay(int ms);
    // The conversation the transcript shows (empty for none).
    const QString& currentConversationId() const { return m_shown; }
    // Selects a conversation by id (e.g. from a notification); false when it is not listed.
    bool select(const QString& conversationId);
    // Selects it once the list's page on its way is there (after clearing a filter, say); when
    // that page does not list it either, the transcript opens it all the same.
    void selectWhenListed(const QString& conversationId);
    quint64 generation() const { return m_generation; }
    // Shows no conversation (e.g. the open one was deleted).
    void closeConversation();
    // Records that the operator has read the conversation, on the store's writer thread.
    void markRead(const QString& conversationId);

signals:
    // The transcript now shows this conversation (empty: nothing selected).
    void conversationOpened(const QString& conversationId);
    // A load was skipped because the selection had moved on (for tests and diagnostics).
    void staleLoadDropped(const QString& conversationId);

private:
    void onCurrentChanged();
    void load(quint64 generation, const QString& conversationId);
    void restoreSelection();
    void onMessageAdded(const QString& conversationId);

    QAbstractItemView& m_list;
    ConversationListModel& m_listModel;
    ConversationStore& m_store;
    TranscriptModel& m_transcript;
    QTimer* m_timer;
    QString m_pending;
    QString m_waitingForListing; // selectWhenListed() while the list's page is on its way
    QString m_shown;
    quint64 m_generation = 0;
    quint64 m_pendingGeneration = 0;
    // The search and view of the rows last reset to: a reload of the same ones keeps the
    // transcript even when the conversation is not listed (opened from a notification, say).
    QString m_listedSearch;
    int m_listedView = -1;
};

} // namespace zapito
