// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationheaderlayout.h"
#include "searchsnippet.h"

#include <QStyledItemDelegate>

#include <functional>

namespace zapito {

// Paints one conversation of the list: avatar with the channel's icon, the contact as the
// title, the newest message on one elided line (in search results, why the row matched: the
// matching message's snippet with its hits in bold), the relative time, the unread count and, for
// conversations waiting for a human, the reason in words and how long they have waited (coloured
// past the warning threshold), and who has the conversation. All text is drawn as plain text.
class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    explicit ConversationDelegate(QObject* parent = nullptr);
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // After this long a handoff's wait is drawn in the warning colour.
    void setWaitWarningMinutes(int minutes) { m_waitWarningMinutes = minutes; }
    int waitWarningMinutes() const { return m_waitWarningMinutes; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Exactly the strings paint() draws (before eliding), for tests and accessibility.
    static QString titleText(const QModelIndex& index);
    static QString previewText(const QModelIndex& index);
    // The second line of a search result: the snippet as drawn, in plain text with its hits as
    // ranges and in its own isolates; empty text when the row shows previewText().
    static SnippetLine searchSnippet(const QModelIndex& index);
    static QString badgeText(const QModelIndex& index);
    QString timeText(const QModelIndex& index) const;
    // "waiting 12 min" on a conversation waiting for a human, else empty.
    QString waitingText(const QModelIndex& index) const;
    // Whether that wait has reached the warning threshold.
    bool isWaitTooLong(const QModelIndex& index) const;
    // Who has it: the assignee's name, isolated; empty when nobody.
    static QString assigneeText(const QModelIndex& index);
    // The first line as paint() lays it out in `option`'s rectangle and font.
    ConversationHeaderLayout headerLayout(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    // Who else is here ("Carla is typing…"), drawn instead of the preview; empty when nobody.
    static QString presenceText(const QModelIndex& index);
    // `presence` cut to `width`; a cut right after "typing…" shows that one "…", not a second.
    static QString elidedPresence(const QFontMetrics& metrics, const QString& presence, int width);

private:
    Clock m_clock;
    int m_waitWarningMinutes = 15;
};

} // namespace zapito
