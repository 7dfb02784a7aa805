// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QWidget;

namespace zapito {

class ConversationListModel;
class SeatPresence;
class SelectionController;
class TranscriptPane;

// Ties the window to its seat's presence: the conversation it shows and the reply typed there
// go to the other seats; theirs reach the list's rows and the line above the reply box. A hidden
// window (closed to the tray) shows nothing, so it views nothing.
class PresenceBinding final : public QObject
{
    Q_OBJECT
public:
    PresenceBinding(SeatPresence& presence, QWidget& window, SelectionController& selection,
                    ConversationListModel& list, TranscriptPane& pane);
    Q_DISABLE_COPY_MOVE(PresenceBinding)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // What the window shows, while it shows anything.
    void showViewing(bool shown);

    SeatPresence& m_presence;
    QWidget& m_window;
    SelectionController& m_selection;
};

} // namespace zapito
