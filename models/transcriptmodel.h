// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"
#include "domain.h"
#include "storequeries.h"

#include <QAbstractListModel>
#include <QHash>

namespace zapito {

class StoreReader;

// The messages of one conversation, oldest first, loaded lazily: opening a conversation reads
// only its newest page, older pages come through fetchMore() as the reader scrolls up, and new
// messages are appended live. Every read runs on the store's reader thread and arrives by
// signal (loaded(), rowsInserted, dataChanged). Each handoff message carries its handoff event (reason,
// webhook outcome, attempts made) so the transcript can show it where it happened.
class TranscriptModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 24;

    explicit TranscriptModel(ConversationStore& store, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(TranscriptModel)

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    const QString& conversationId() const { return m_conversationId; }
    // Shows another conversation (a model reset once its newest page has been read); an empty
    // id shows nothing. loaded() follows when the rows are there.
    void setConversation(const QString& conversationId);
    // True between setConversation() and loaded().
    bool isLoading() const { return m_loading; }
    // Reads the handoff events again, e.g. when the webhook outcome of one changed.
    void refreshHandoffs();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    const Message& messageAt(int row) const { return m_rows.at(row); }
    // Webhook delivery attempts of a handoff, oldest first, read off the GUI thread when someone
    // asks for them; deliveryAttemptsRead() brings them.
    void requestDeliveryAttempts(qint64 handoffEventId);

signals:
    void errorOccurred(const QString& message);
    // The newest page of the conversation set last is in the model.
    void loaded();
    void deliveryAttemptsRead(qint64 handoffEventId, const QList<DeliveryAttempt>& attempts);

private:
    using HandoffInfo = StoreQueries::HandoffInfo;

    void onMessageAdded(const QString& conversationId, qint64 messageId);
    void onHandoffChanged(const QString& conversationId, qint64 handoffEventId);
    void onMessageChanged(const QString& conversationId, qint64 messageId);
    void appendNewer(QList<Message> newer);
    void fail(const QString& message);

    ConversationStore& m_store;
    StoreReader& m_reader;
    const QString m_lanePrefix;
    QString m_conversationId;
    QList<Message> m_rows;
    QHash<qint64, HandoffInfo> m_handoffs; // by the id of the message that opened the handoff
    int m_pageSize = kDefaultPageSize;
    bool m_hasOlder = false;
    bool m_loading = false;       // the newest page of m_conversationId is on its way
    bool m_fetchingOlder = false; // an older page is on its way
    quint64 m_generation = 0;     // bumped by every setConversation: older results are dropped
};

} // namespace zapito
