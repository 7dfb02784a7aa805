// SPDX-License-Identifier: Apache-2.0
#include "presencebinding.h"

#include "conversationlistmodel.h"
#include "seatpresence.h"
#include "selectioncontroller.h"
#include "transcriptpane.h"

#include <QEvent>
#include <QWidget>

namespace zapito {

PresenceBinding::PresenceBinding(SeatPresence& presence, QWidget& window, SelectionController& selection,
                                 ConversationListModel& list, TranscriptPane& pane)
    : QObject(&window)
    , m_presence(presence)
    , m_window(window)
    , m_selection(selection)
{
    connect(&presence, &SeatPresence::othersChanged, &list, &ConversationListModel::setPresence);
    connect(&presence, &SeatPresence::othersChanged, &pane, &TranscriptPane::setPresence);
    connect(&selection, &SelectionController::conversationOpened, this,
            [this] { showViewing(m_window.isVisible() && !m_window.isMinimized()); });
    connect(&pane, &TranscriptPane::replyEdited, this, [this](bool empty) {
        if (empty)
            m_presence.stoppedTyping();
        else
            m_presence.typed();
    });
    window.installEventFilter(this);
    list.setPresence(presence.others());
    pane.setPresence(presence.others());
    presence.watch();
    showViewing(m_window.isVisible() && !m_window.isMinimized());
}

void PresenceBinding::showViewing(bool shown)
{
    m_presence.setViewing(shown ? m_selection.currentConversationId() : QString());
}

bool PresenceBinding::eventFilter(QObject* watched, QEvent* event)
{
    // Minimised or closed to the tray, the window shows nothing (a minimised window is still
    // "visible" to Qt, so the event says it).
    if (watched == &m_window && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
        showViewing(event->type() == QEvent::Show);
    return QObject::eventFilter(watched, event);
}

} // namespace zapito
