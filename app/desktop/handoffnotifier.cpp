// SPDX-License-Identifier: Apache-2.0
#include "handoffnotifier.h"

#include "desktoplog.h"
#include "untrustedtext.h"

#include <QLocale>

namespace zapito {

namespace {
constexpr qsizetype kOpensKept = 32;
constexpr qsizetype kNamesShown = 3;
} // namespace

HandoffNotifier::HandoffNotifier(DesktopNotifier& notifier, QObject* parent)
    : QObject(parent)
    , m_notifier(notifier)
{
    connect(&m_notifier, &DesktopNotifier::stateChanged, this, &HandoffNotifier::onStateChanged);
    connect(&m_notifier, &DesktopNotifier::shown, this, [this](quint64 request, quint32 id) {
        if (request != m_inFlight)
            return;
        m_inFlight = 0;
        if (m_burst.isEmpty())
            return;
        m_burstId = id;
        // "Open" on a burst opens the conversation that has waited longest of them.
        const QString opens = m_burst.first().conversationId;
        auto same = [id](const std::pair<quint32, QString>& o) { return o.first == id; };
        m_opens.removeIf(same);
        m_opens.append({id, opens});
        while (m_opens.size() > kOpensKept)
            m_opens.removeFirst();
        if (m_changedInFlight) {
            m_changedInFlight = false;
            send();
        }
    });
    connect(&m_notifier, &DesktopNotifier::failed, this, [this](quint64 request, const QString& error) {
        if (request != m_inFlight)
            return;
        m_inFlight = 0;
        qCDebug(lcDesktop) << "a handoff notification was refused:" << error;
        // The server did not show it (it went away, or answered with an error): the newest
        // handoff goes to the fallback rather than nowhere.
        if (!m_burst.isEmpty()) {
            const Handoff latest = m_burst.constLast();
            endBurst();
            emit fallbackNeeded(latest);
        }
    });
    connect(&m_notifier, &DesktopNotifier::openInvoked, this, [this](quint32 id) {
        for (const auto& [shownId, conversationId] : std::as_const(m_opens)) {
            if (shownId == id) {
                emit openConversationRequested(conversationId);
                break;
            }
        }
        if (id == m_burstId)
            endBurst();
    });
    connect(&m_notifier, &DesktopNotifier::closed, this, [this](quint32 id) {
        m_opens.removeIf([id](const std::pair<quint32, QString>& o) { return o.first == id; });
        if (id == m_burstId)
            endBurst();
    });
}

void HandoffNotifier::notify(const Handoff& handoff)
{
    switch (m_notifier.state()) {
    case DesktopNotifier::State::Unavailable:
        emit fallbackNeeded(handoff);
        return;
    case DesktopNotifier::State::Probing:
        m_waiting.append(handoff);
        return;
    case DesktopNotifier::State::Available:
        break;
    }
    const bool joins =
        !m_burst.isEmpty() && m_lastInBurst.isValid() && m_lastInBurst.elapsed() < m_burstWindow.count();
    if (!joins)
        endBurst();
    // A conversation handed off twice in a burst counts once, as its latest handoff.
    m_burst.removeIf([&](const Handoff& h) { return h.conversationId == handoff.conversationId; });
    m_burst.append(handoff);
    m_lastInBurst.start();
    send();
}

void HandoffNotifier::onStateChanged(DesktopNotifier::State state)
{
    if (state == DesktopNotifier::State::Probing)
        return;
    if (state == DesktopNotifier::State::Unavailable) {
        // A new server (if one comes) knows nothing of the old one's ids.
        endBurst();
        m_opens.clear();
    }
    const QList<Handoff> waiting = std::exchange(m_waiting, {});
    for (const Handoff& h : waiting)
        notify(h);
}

void HandoffNotifier::send()
{
    if (m_burst.isEmpty())
        return;
    // The server's id for the burst is not known until it answers: the newest state goes out
    // then, replacing the notification it just created.
    if (m_inFlight != 0) {
        m_changedInFlight = true;
        return;
    }
    const Text text = m_burst.size() == 1 ? handoffText(m_burst.first()) : burstText(m_burst);
    DesktopNotifier::Notification n;
    n.summary = text.summary;
    n.body = text.body;
    n.openAction = true;
    n.replacesId = m_burstId;
    m_inFlight = m_notifier.notify(n);
}

void HandoffNotifier::endBurst()
{
    m_burst.clear();
    m_burstId = 0;
    m_changedInFlight = false;
    m_lastInBurst.invalidate();
    // A Notify still unanswered belongs to the burst that ended: its answer changes nothing.
    m_inFlight = 0;
}

HandoffNotifier::Text HandoffNotifier::handoffText(const Handoff& handoff)
{
    Text text;
    text.summary = tr("%1 needs a human").arg(isolated(handoff.contact));
    text.body = handoff.customerSaid.isEmpty()
                    ? handoff.reason
                    : tr("%1: “%2”").arg(handoff.reason, isolated(handoff.customerSaid.simplified()));
    return text;
}

HandoffNotifier::Text HandoffNotifier::burstText(const QList<Handoff>& burst)
{
    Text text;
    const int count = int(burst.size());
    text.summary = tr("%n conversations need a human", "", count);
    QStringList names;
    for (qsizetype i = burst.size() - 1; i >= 0 && names.size() < kNamesShown; --i)
        names.append(isolated(burst.at(i).contact));
    if (count > kNamesShown)
        names.append(tr("%n more", "", count - int(kNamesShown)));
    text.body = QLocale().createSeparatedList(names);
    return text;
}

} // namespace zapito
