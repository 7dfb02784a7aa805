// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace zapito {

// Another seat's operator on a conversation: viewing it, or typing in it.
struct PresenceEntry
{
    QString operatorName; // as that seat's settings have it: untrusted text
    bool typing = false;
    bool operator==(const PresenceEntry&) const = default;
};

// Who else is on which conversation, as this seat last read it from the other seats' rows
// (PresenceStore): conversation id -> the operators there, one entry per name (typing wins over
// viewing), those typing first, then by name, so equal presence compares equal.
class Presence
{
public:
    void add(const QString& conversationId, const QString& operatorName, bool typing);
    // Nobody else there: an empty list.
    QList<PresenceEntry> of(const QString& conversationId) const
    {
        return m_byConversation.value(conversationId);
    }
    bool isEmpty() const { return m_byConversation.isEmpty(); }
    QStringList conversations() const { return m_byConversation.keys(); }
    // The conversations whose operators differ between the two (in either), so a view repaints
    // only those rows.
    static QStringList changedBetween(const Presence& before, const Presence& after);
    bool operator==(const Presence&) const = default;

private:
    QHash<QString, QList<PresenceEntry>> m_byConversation;
};

// The one line a person reads: "Carla is viewing", "Carla is typing…", "Carla and Ana are
// viewing", "Carla and 2 others are viewing", "Carla is typing… · Ana is viewing". Empty when
// nobody else is there. Each name is one line of plain text, cut to kPresenceNameCharacters
// (whole characters, then "…") and isolated, so a long or right-to-left name can neither push
// the verb off the line nor reorder the sentence.
QString presenceText(const QList<PresenceEntry>& entries);
inline constexpr int kPresenceNameCharacters = 24;

} // namespace zapito

Q_DECLARE_METATYPE(zapito::PresenceEntry)
Q_DECLARE_METATYPE(zapito::Presence)
