// SPDX-License-Identifier: Apache-2.0
#include "presence.h"

#include "untrustedtext.h"

#include <QCoreApplication>
#include <QSet>
#include <QTextBoundaryFinder>

#include <algorithm>

namespace zapito {

namespace {

bool comesFirst(const PresenceEntry& a, const PresenceEntry& b)
{
    if (a.typing != b.typing)
        return a.typing;
    const int byName = a.operatorName.compare(b.operatorName, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.operatorName < b.operatorName;
}

// One line, no control characters, at most kPresenceNameCharacters user-perceived characters
// (a cut never splits an emoji or a letter from its accent), isolated for our sentence.
QString shownName(const QString& untrusted)
{
    QString name = untrusted.simplified();
    name.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
    if (name.isEmpty())
        return QCoreApplication::translate("zapito", "Another operator");
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, name);
    int count = 0;
    while (graphemes.toNextBoundary() >= 0) {
        if (++count == kPresenceNameCharacters && graphemes.position() < name.size()) {
            name = name.left(graphemes.position()).trimmed() + QChar(0x2026);
            break;
        }
    }
    return isolated(name);
}

// "Carla is viewing", "Carla and Ana are typing…", "Carla and 2 others are viewing".
QString group(const QStringList& names, bool typing)
{
    if (names.size() == 1)
        return typing ? QCoreApplication::translate("zapito", "%1 is typing…").arg(names[0])
                      : QCoreApplication::translate("zapito", "%1 is viewing").arg(names[0]);
    if (names.size() == 2)
        return typing
                   ? QCoreApplication::translate("zapito", "%1 and %2 are typing…").arg(names[0], names[1])
                   : QCoreApplication::translate("zapito", "%1 and %2 are viewing").arg(names[0], names[1]);
    const int others = int(names.size() - 1);
    return typing ? QCoreApplication::translate("zapito", "%1 and %n others are typing…", "", others)
                        .arg(names[0])
                  : QCoreApplication::translate("zapito", "%1 and %n others are viewing", "", others)
                        .arg(names[0]);
}

} // namespace

void Presence::add(const QString& conversationId, const QString& operatorName, bool typing)
{
    if (conversationId.isEmpty())
        return;
    QList<PresenceEntry>& entries = m_byConversation[conversationId];
    // The same operator on two seats (a window on each machine) is one person.
    const auto same = std::find_if(entries.begin(), entries.end(),
                                   [&](const PresenceEntry& e) { return e.operatorName == operatorName; });
    if (same != entries.end()) {
        if (same->typing || !typing)
            return;
        entries.erase(same);
    }
    const PresenceEntry entry{operatorName, typing};
    entries.insert(std::lower_bound(entries.begin(), entries.end(), entry, comesFirst), entry);
}

QStringList Presence::changedBetween(const Presence& before, const Presence& after)
{
    QSet<QString> ids;
    for (auto it = before.m_byConversation.cbegin(); it != before.m_byConversation.cend(); ++it)
        ids.insert(it.key());
    for (auto it = after.m_byConversation.cbegin(); it != after.m_byConversation.cend(); ++it)
        ids.insert(it.key());
    QStringList changed;
    for (const QString& id : std::as_const(ids)) {
        if (before.of(id) != after.of(id))
            changed.append(id);
    }
    return changed;
}

QString presenceText(const QList<PresenceEntry>& entries)
{
    QStringList typing;
    QStringList viewing;
    for (const PresenceEntry& e : entries)
        (e.typing ? typing : viewing).append(shownName(e.operatorName));
    if (typing.isEmpty())
        return viewing.isEmpty() ? QString() : group(viewing, false);
    if (viewing.isEmpty())
        return group(typing, true);
    return QCoreApplication::translate("zapito", "%1 · %2", "who is typing, then who is viewing")
        .arg(group(typing, true), group(viewing, false));
}

} // namespace zapito
