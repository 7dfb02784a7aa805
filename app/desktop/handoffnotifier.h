// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "desktopnotifier.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>

namespace zapito {

// The handoff notifications on the desktop's notification server: one per handoff, and a burst
// (handoffs close together while the last one still shows) replaces that one notification with
// a count instead of piling up. "Open" asks for the conversation; where no server answers,
// each handoff is handed back for the fallback (the tray).
class HandoffNotifier final : public QObject
{
    Q_OBJECT
public:
    struct Handoff
    {
        QString conversationId;
        QString contact;      // untrusted: the customer's name
        QString reason;       // our text: why the bot handed off
        QString customerSaid; // untrusted: what the customer said last, may be empty
    };
    // Plain text, untrusted parts isolated (U+2068 … U+2069).
    struct Text
    {
        QString summary;
        QString body;
    };

    static constexpr std::chrono::milliseconds kBurstWindow{60'000};

    explicit HandoffNotifier(DesktopNotifier& notifier, QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(HandoffNotifier)

    // A handoff within this of the previous one joins its notification (while it still shows).
    void setBurstWindow(std::chrono::milliseconds window) { m_burstWindow = window; }

    // Shows it, or joins it to the burst on screen; fallbackNeeded() when there is no server
    // or it refused the notification.
    void notify(const Handoff& handoff);

    // "<contact> needs a human" / "<reason>: “<what the customer said>”".
    static Text handoffText(const Handoff& handoff);
    // "3 conversations need a human" / the latest contacts' names.
    static Text burstText(const QList<Handoff>& burst);

signals:
    void openConversationRequested(const QString& conversationId);
    void fallbackNeeded(const zapito::HandoffNotifier::Handoff& handoff);

private:
    void onStateChanged(DesktopNotifier::State state);
    void send();
    void endBurst();

    DesktopNotifier& m_notifier;
    std::chrono::milliseconds m_burstWindow = kBurstWindow;
    QList<Handoff> m_waiting; // arrived while the server was being asked
    QList<Handoff> m_burst;   // on screen (or on its way), oldest first
    QElapsedTimer m_lastInBurst;
    quint32 m_burstId = 0;  // the server's id for the burst's notification, 0 until known
    quint64 m_inFlight = 0; // the Notify call not answered yet
    bool m_changedInFlight = false;
    // Notifications of earlier bursts still on screen: id → the conversation "Open" opens.
    QList<std::pair<quint32, QString>> m_opens;
};

} // namespace zapito
