// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QScrollArea>

#include <functional>

class QLabel;
class QVBoxLayout;

namespace zapito {

class HandoffCard;
class MessageBubble;
class TranscriptModel;

// The transcript as chat bubbles over a TranscriptModel. Only the loaded rows get widgets;
// scrolling near the top fetches the next older page and keeps the reader's place. When the
// reader is at the bottom, new messages keep the view at the bottom.
class TranscriptView final : public QScrollArea
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    explicit TranscriptView(TranscriptModel& model, QWidget* parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Names on the bubbles: the customer's (the contact title) and the bot's.
    void setNames(const QString& customer, const QString& bot);
    void setResendAvailable(bool available);

    int rowWidgetCount() const { return int(m_rows.size()); }
    MessageBubble* bubbleAt(int row) const;
    HandoffCard* handoffCardAt(int row) const;

signals:
    void resendRequested(qint64 handoffEventId);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Row
    {
        QWidget* container = nullptr;
        MessageBubble* bubble = nullptr;
        HandoffCard* card = nullptr;
        QLabel* day = nullptr; // "Today", "Yesterday", a date: where the day changes
    };

    void rebuild();
    void insertRows(int first, int last);
    void updateRows(int first, int last);
    Row createRow(int row);
    void updateCard(Row& row, int modelRow);
    void fitBubbles();
    void updateDaySeparator(int row);
    void onRangeChanged(int min, int max);
    void onValueChanged(int value);
    void fetchOlder();
    void updateOlderHint();

    TranscriptModel& m_model;
    Clock m_clock;
    QString m_customerName;
    QString m_botName;
    bool m_resendAvailable = false;
    QWidget* m_content;
    QVBoxLayout* m_layout;
    QLabel* m_olderHint;
    QList<Row> m_rows;
    int m_distanceFromBottom = 0;
    bool m_keepBottomAnchor = false;
    bool m_adjusting = false;
    bool m_fetchQueued = false;
};

} // namespace zapito
