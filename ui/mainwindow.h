// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "shortcutsdialog.h"

#include <QMainWindow>
#include <QPointer>

class QMenu;
class QSplitter;

namespace zapito {

class ConversationListModel;
class ConversationListPanel;
class DesktopAlerts;
class InboxServices;
class NotificationsPage;
class SingleKeyShortcuts;
class TriagePage;
class UndoBar;
class SelectionController;
class SettingsDialog;
class TrayController;
class TranscriptModel;
class TranscriptPane;

// The inbox window: conversations on the left, the selected transcript on the right. It only
// wires the parts together; the selection controller decides what the transcript shows.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(InboxServices& services, QWidget* parent = nullptr);
    ~MainWindow() override;

    ConversationListModel& listModel() const { return *m_listModel; }
    TranscriptModel& transcriptModel() const { return *m_transcriptModel; }
    SelectionController& selection() const { return *m_selection; }
    ConversationListPanel* listPanel() const { return m_listPanel; }
    TranscriptPane* transcriptPane() const { return m_transcriptPane; }
    TrayController* tray() const { return m_tray; }
    DesktopAlerts* alerts() const { return m_alerts; }
    // Offers Undo after Mark resolved.
    UndoBar* undoBar() const { return m_undoBar; }
    SingleKeyShortcuts* singleKeys() const { return m_singleKeys; }
    // Re-reads Settings → Triage (single keys, the waiting threshold).
    void applyTriageSettings();
    // Tools menu: features such as the Preview chat add their actions here.
    QMenu* toolsMenu() const { return m_toolsMenu; }

    // Opens (or raises) Settings, at the page with this objectName when given and present.
    SettingsDialog* openSettings(const QString& pageObjectName = QString());
    // Shows the window (also from the background, or minimised) and asks for the focus.
    void bringToFront();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createMenus();
    void loadSamples();
    void removeSamples();
    void connectChannel();
    void moveSelection(int delta);
    void onCountsChanged(int all, int needsHuman);
    void onHandoffRecorded(qint64 handoffEventId, const QString& conversationId);
    void openConversation(const QString& conversationId);
    NotificationsPage* notificationsPage();
    void showShortcuts();
    void setUpTriage();
    TriagePage* triagePage();

    InboxServices& m_services;
    ConversationListModel* m_listModel;
    TranscriptModel* m_transcriptModel;
    ConversationListPanel* m_listPanel;
    TranscriptPane* m_transcriptPane;
    SelectionController* m_selection;
    TrayController* m_tray;
    DesktopAlerts* m_alerts;
    QSplitter* m_splitter;
    UndoBar* m_undoBar = nullptr;
    SingleKeyShortcuts* m_singleKeys = nullptr;
    QList<ShortcutGroup> m_shortcutGroups;
    QMenu* m_toolsMenu = nullptr;
    QAction* m_loadSamplesAction = nullptr;
    QAction* m_removeSamplesAction = nullptr;
    QPointer<SettingsDialog> m_settings;
};

} // namespace zapito
