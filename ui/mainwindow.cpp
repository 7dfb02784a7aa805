// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "botpage.h"
#include "channelspage.h"
#include "contacttitle.h"
#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "desktopalerts.h"
#include "inboxservices.h"
#include "integrationspage.h"
#include "notificationspage.h"
#include "operatorname.h"
#include "presencebinding.h"
#include "previewchatwindow.h"
#include "sampledata.h"
#include "savedrepliespage.h"
#include "selectioncontroller.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "singlekeyshortcuts.h"
#include "storequeries.h"
#include "storereader.h"
#include "storewriter.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "traycontroller.h"
#include "triagepage.h"
#include "triagesettings.h"
#include "uistyle.h"
#include "undobar.h"
#include "untrustedtext.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

namespace zapito {

MainWindow::MainWindow(InboxServices& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_listModel(new ConversationListModel(services.store(), this))
    , m_transcriptModel(new TranscriptModel(services.store(), this))
    , m_listPanel(new ConversationListPanel(*m_listModel, this))
    , m_transcriptPane(new TranscriptPane(services.store(), services.engine(), services.channels(),
                                          *m_transcriptModel, this))
    , m_selection(new SelectionController(*m_listPanel->view(), *m_listModel, services.store(),
                                          *m_transcriptModel, this))
    , m_tray(new TrayController(*this, this))
    , m_alerts(new DesktopAlerts(*m_tray, this))
    , m_splitter(new QSplitter(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Inbox"));
    setWindowIcon(ui::appIcon());

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_listPanel);
    m_splitter->addWidget(m_transcriptPane);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(1, 1);
    m_listPanel->setMinimumWidth(300);
    m_transcriptPane->setMinimumWidth(380);
    m_splitter->setSizes({390, 800});
    setCentralWidget(m_splitter);
    statusBar()->setSizeGripEnabled(false);

    // Who leads the inbox, for good on the right of the status bar: in a seat nothing is
    // received or sent here, and the operator should know where that happens.
    auto* leadLabel = new QLabel(this);
    leadLabel->setObjectName(QStringLiteral("leadershipLabel"));
    leadLabel->setTextFormat(Qt::PlainText); // the host name comes from another process's row
    statusBar()->addPermanentWidget(leadLabel);
    Leadership& leadership = m_services.leadership();
    auto showLeader = [this, leadLabel, &leadership] {
        leadLabel->setText(leadership.summary());
        m_transcriptPane->setChannelsElsewhere(!leadership.isLeader() && leadership.leader().has_value());
    };
    showLeader();
    connect(&leadership, &Leadership::leaderChanged, leadLabel, showLeader);
    connect(&leadership, &Leadership::roleChanged, leadLabel, showLeader);
    connect(&leadership, &Leadership::notice, this,
            [this](const QString& text) { statusBar()->showMessage(text, 15000); });

    connect(m_selection, &SelectionController::conversationOpened, m_transcriptPane,
            &TranscriptPane::showConversation);
    connect(m_listPanel->view(), &QAbstractItemView::activated, this,
            [this] { m_transcriptPane->focusReply(); });
    connect(m_listPanel, &ConversationListPanel::loadSamplesRequested, this, &MainWindow::loadSamples);
    connect(m_listPanel, &ConversationListPanel::connectChannelRequested, this, &MainWindow::connectChannel);
    connect(m_transcriptPane, &TranscriptPane::connectChannelRequested, this, &MainWindow::connectChannel);
    connect(m_transcriptPane, &TranscriptPane::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(m_listModel, &ConversationListModel::countsChanged, this, &MainWindow::onCountsChanged);
    connect(m_listModel, &ConversationListModel::errorOccurred, this, [this](const QString& error) {
        statusBar()->showMessage(tr("Could not read the inbox: %1").arg(error));
    });
    connect(&m_services.engine(), &ConversationEngine::handoffRecorded, this, &MainWindow::onHandoffRecorded);
    connect(&m_services.engine(), &ConversationEngine::problem, this,
            [this](const QString&, const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(m_tray, &TrayController::openConversationRequested, this, &MainWindow::openConversation);
    connect(m_alerts, &DesktopAlerts::openConversationRequested, this, [this](const QString& id) {
        bringToFront();
        openConversation(id);
    });
    connect(m_alerts, &DesktopAlerts::showWindowRequested, this, &MainWindow::bringToFront);

    // The webhook's outcome shows live on the handoff in the open transcript.
    connect(&m_services.deliveries(), &DeliveryStore::deliveryChanged, this,
            [this](qint64, const QString& conversationId) {
                if (conversationId == m_transcriptModel->conversationId())
                    m_transcriptModel->refreshHandoffs();
            });
    m_transcriptPane->setResendHandler([this](qint64 eventId) {
        // Only the leader sends leads: a resend from a seat would go out a second time from here.
        if (!m_services.isLeader())
            return tr("Another process leads this inbox; resend the lead there.");
        // The answer comes now, or, from the leader's own thread (PostgreSQL), as the notice below.
        return m_services.resend(eventId);
    });
    // Why a delivery waits (a secret that cannot be read right now, a store that failed), as it happens.
    connect(&m_services.webhook(), &WebhookDispatcher::notice, this,
            [this](qint64, const QString& text) { statusBar()->showMessage(text, 15000); });

    // Who else views or types in which conversation, and what this window shows, for the others.
    new PresenceBinding(m_services.presence(), *this, *m_selection, *m_listModel, *m_transcriptPane);

    createMenus();
    onCountsChanged(m_listModel->counts().all, m_listModel->counts().needsHuman);
    setUpTriage();

    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1180, 760);
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_listPanel->focusList();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_loadSamplesAction = file->addAction(tr("Load &sample conversations"), this, &MainWindow::loadSamples);
    m_loadSamplesAction->setObjectName(QStringLiteral("loadSamplesAction"));
    m_removeSamplesAction =
        file->addAction(tr("&Remove sample conversations"), this, &MainWindow::removeSamples);
    m_removeSamplesAction->setObjectName(QStringLiteral("removeSamplesAction"));
    connect(file, &QMenu::aboutToShow, this, [this] {
        const bool has = hasSampleConversations(m_services.store());
        m_loadSamplesAction->setEnabled(!has);
        m_removeSamplesAction->setEnabled(has);
    });
    file->addSeparator();
    // Quit ends the process, also when closing the window would leave it running.
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QList<QAction*> viewActions;
    static const char* const kViewActionNames[] = {"showAllAction", "showNeedsHumanAction", "showMineAction",
                                                   "showBotAction", "showResolvedAction"};
    for (int i = 0; i < ConversationListPanel::views().size(); ++i) {
        const InboxView v = ConversationListPanel::views().at(i);
        QAction* action = view->addAction(ConversationListPanel::viewName(v), this, [this, v] {
            m_listPanel->setView(v);
            m_listPanel->focusList();
        });
        action->setObjectName(QLatin1String(kViewActionNames[i]));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        if (v == InboxView::NeedsHuman)
            action->setIcon(ui::resourceIcon(QStringLiteral("needs-human")));
        viewActions << action;
    }
    view->addSeparator();
    QAction* find =
        view->addAction(tr("&Search conversations"), m_listPanel, &ConversationListPanel::focusSearch);
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);
    QAction* list = view->addAction(tr("Go to the &list"), m_listPanel, &ConversationListPanel::focusList);
    list->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    QMenu* conversation = menuBar()->addMenu(tr("&Conversation"));
    QAction* next = conversation->addAction(tr("&Next conversation"), this, [this] { moveSelection(1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    QAction* previous =
        conversation->addAction(tr("&Previous conversation"), this, [this] { moveSelection(-1); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    next->setObjectName(QStringLiteral("nextConversationAction"));
    previous->setObjectName(QStringLiteral("previousConversationAction"));
    QAction* reply = conversation->addAction(tr("&Reply"), m_transcriptPane, &TranscriptPane::focusReply);
    reply->setObjectName(QStringLiteral("replyAction"));
    reply->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    conversation->addSeparator();
    conversation->addAction(m_transcriptPane->assignAction());
    conversation->addAction(m_transcriptPane->resolveAction());
    conversation->addAction(m_transcriptPane->reopenAction());

    // Single keys for triage, beside each action's own shortcut (Settings → Triage turns them off).
    m_singleKeys = new SingleKeyShortcuts(this);
    m_singleKeys->add(next, QKeySequence(Qt::Key_J));
    m_singleKeys->add(previous, QKeySequence(Qt::Key_K));
    m_singleKeys->add(reply, QKeySequence(Qt::Key_R));
    m_singleKeys->add(m_transcriptPane->resolveAction(), QKeySequence(Qt::Key_E));
    m_singleKeys->add(m_transcriptPane->assignAction(), QKeySequence(Qt::Key_A));
    m_singleKeys->add(find, QKeySequence(Qt::Key_Slash));

    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_toolsMenu->setObjectName(QStringLiteral("toolsMenu"));
    // ---- Tools: feature actions go here, one line each (e.g. "Preview chat"). ----
    m_toolsMenu
        ->addAction(ui::resourceIcon(QStringLiteral("preview")), tr("&Preview chat"), this,
                    [this] { PreviewChatWindow::showFor(m_services, this); })
        ->setObjectName(QStringLiteral("previewChatAction"));
    // ---- end of feature actions ----
    m_toolsMenu->addSeparator();
    QAction* settingsAction = m_toolsMenu->addAction(tr("&Settings…"), this, [this] { openSettings(); });
    settingsAction->setObjectName(QStringLiteral("settingsAction"));
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settingsAction->setMenuRole(QAction::PreferencesRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addAction(tr("&About Zapito Inbox"), this, [this] {
        QMessageBox::about(this, tr("About Zapito Inbox"),
                           tr("Zapito Inbox %1\nThe conversations your support bot hands to a human, with a "
                              "signed lead webhook.")
                               .arg(QStringLiteral(ZAPITO_VERSION)));
    });
    addActions(viewActions);
    addActions({find, list, next, previous, reply, m_transcriptPane->assignAction(),
                m_transcriptPane->resolveAction(), m_transcriptPane->reopenAction(), settingsAction,
                shortcuts, quit});
    m_shortcutGroups = {
        {tr("Move around"),
         {next, previous, list},
         {{tr("↑ / ↓"), tr("Move through the conversation list")},
          {tr("Enter"), tr("Open the conversation and start a reply")}}},
        {tr("Triage"),
         {m_transcriptPane->assignAction(), m_transcriptPane->resolveAction(),
          m_transcriptPane->reopenAction()},
         {}},
        {tr("Reply"), {reply}, {{tr("Ctrl+Enter"), tr("Send the reply")}}},
        {tr("Views and search"),
         viewActions + QList<QAction*>{find},
         {{tr("Esc (in search)"), tr("Clear the search")}}},
        {tr("Window"), {settingsAction, shortcuts, quit}, {}},
    };
}

SettingsDialog* MainWindow::openSettings(const QString& pageObjectName)
{
    if (!m_settings) {
        m_settings = new SettingsDialog(this);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        // ---- Settings pages, in order; features add theirs here, one line each. ----
        m_settings->addPage(new IntegrationsPage(m_services.webhookSettings(), &m_services.webhook()),
                            ui::resourceIcon(QStringLiteral("integrations")), tr("Integrations"));
        m_settings->addPage(new ChannelsPage(m_services.connectors()),
                            ui::resourceIcon(QStringLiteral("conversation")), tr("Channels"));
        m_settings->addPage(new BotPage(m_services.connectors()), ui::resourceIcon(QStringLiteral("general")),
                            tr("Bot"));
        m_settings->addPage(notificationsPage(), ui::resourceIcon(QStringLiteral("notifications")),
                            tr("Notifications"));
        m_settings->addPage(new SavedRepliesPage, ui::resourceIcon(QStringLiteral("saved-replies")),
                            tr("Saved replies"));
        m_settings->addPage(triagePage(), ui::resourceIcon(QStringLiteral("needs-human")), tr("Triage"));
        // ---- end of settings pages ----
        connect(m_settings, &QDialog::finished, m_transcriptPane, &TranscriptPane::refreshChannelState);
    }
    if (!pageObjectName.isEmpty())
        m_settings->showPage(pageObjectName);
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
    return m_settings;
}

NotificationsPage* MainWindow::notificationsPage()
{
    auto* page = new NotificationsPage;
    page->setOfferText(m_alerts->offerText());
    connect(m_alerts, &DesktopAlerts::offerChanged, page,
            [this, page] { page->setOfferText(m_alerts->offerText()); });
    return page;
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::openConversation(const QString& conversationId)
{
    if (!m_selection->select(conversationId)) {
        m_listPanel->setNeedsHumanOnly(false);
        m_listPanel->searchField()->clear();
        m_selection->selectWhenListed(conversationId);
    }
}

void MainWindow::connectChannel()
{
    SettingsDialog* dialog = openSettings();
    if (!dialog->showPage(QStringLiteral("channelsPage")))
        dialog->showPage(QStringLiteral("integrationsPage"));
}

void MainWindow::loadSamples()
{
    const Bot bot = m_services.engine().bot();
    m_services.store().writer().write<Status>(
        this, [bot](StoreWriter::Context& c) { return loadSampleConversations(c.store, bot); },
        [this](const Status& loaded) {
            if (!loaded) {
                QMessageBox::warning(this, tr("Cannot load the samples"), loaded.error());
                return;
            }
            m_listModel->reload();
            statusBar()->showMessage(
                tr("Sample conversations loaded. Remove them any time from the File menu."), 10000);
        });
}

void MainWindow::removeSamples()
{
    m_services.store().writer().write<Status>(
        this, [](StoreWriter::Context& c) { return removeSampleConversations(c.store); },
        [this](const Status& removed) {
            if (!removed) {
                QMessageBox::warning(this, tr("Cannot remove the samples"), removed.error());
                return;
            }
            m_listModel->reload();
            // The open sample is gone with the others.
            if (m_listModel->rowOf(m_selection->currentConversationId()) < 0)
                m_selection->closeConversation();
            statusBar()->showMessage(tr("Sample conversations removed."), 8000);
        });
}

void MainWindow::moveSelection(int delta)
{
    QAbstractItemView* view = m_listPanel->view();
    const int rows = m_listModel->rowCount();
    if (rows == 0)
        return;
    int row = view->currentIndex().isValid() ? view->currentIndex().row() + delta : 0;
    if (row >= rows && m_listModel->canFetchMore({}))
        m_listModel->fetchMore({});
    row = qBound(0, row, m_listModel->rowCount() - 1);
    view->setCurrentIndex(m_listModel->index(row));
}

void MainWindow::onCountsChanged(int all, int needsHuman)
{
    m_transcriptPane->setInboxEmpty(all == 0);
    setWindowTitle(needsHuman > 0 ? tr("Inbox (%1 need a human)").arg(needsHuman) : tr("Inbox"));
    m_tray->setNeedsHumanCount(needsHuman);
}

void MainWindow::onHandoffRecorded(qint64, const QString& conversationId)
{
    // The operator is looking at this very conversation: no need to interrupt.
    if (isActiveWindow() && conversationId == m_selection->currentConversationId())
        return;
    struct Handoff
    {
        Expected<Conversation> conversation;
        Expected<QList<Message>> recent;
    };
    m_services.store().reader().read<std::shared_ptr<Handoff>>(
        this, QString(),
        [conversationId](const QSqlDatabase& db) {
            return std::make_shared<Handoff>(Handoff{StoreQueries::conversation(db, conversationId),
                                                     StoreQueries::lastMessages(db, conversationId, 5)});
        },
        [this, conversationId](std::shared_ptr<Handoff> read) {
            if (!read->conversation)
                return;
            // What the customer said last tells the operator more than the bot's handoff line.
            QString said;
            if (read->recent) {
                for (const Message& m : *read->recent)
                    if (m.role == MessageRole::User)
                        said = m.content.simplified();
            }
            const QString reason =
                handoffReasonText(read->conversation->openHandoffReason.value_or(HandoffReason::Handoff));
            m_alerts->notifyHandoff({conversationId, contactTitle(*read->conversation), reason, said});
        });
}

TriagePage* MainWindow::triagePage()
{
    auto* page = new TriagePage;
    connect(page, &TriagePage::changed, this, &MainWindow::applyTriageSettings);
    return page;
}

void MainWindow::setUpTriage()
{
    // Mine is this seat's operator's.
    m_listModel->setOperatorName(systemOperatorName());
    applyTriageSettings();

    // Mark resolved can be taken back for a few seconds: Undo reopens it as it was.
    m_undoBar = new UndoBar(this);
    statusBar()->addPermanentWidget(m_undoBar);
    connect(m_transcriptPane, &TranscriptPane::resolved, this,
            [this](const QString& id, const QString& title) {
                m_undoBar->offer(tr("Resolved %1.").arg(isolated(title)), [this, id] {
                    m_services.store().writer().write<Status>(
                        this, [id](StoreWriter::Context& c) { return c.store.reopen(id); },
                        [this](const Status& reopened) {
                            statusBar()->showMessage(reopened ? tr("Undone: the conversation is open again.")
                                                              : reopened.error(),
                                                     8000);
                        });
                });
            });

    // The open conversation is being read: its row never shows an unread badge.
    connect(m_selection, &SelectionController::conversationOpened, m_listModel,
            &ConversationListModel::setOpenConversationId);
}

void MainWindow::applyTriageSettings()
{
    m_listPanel->delegate()->setWaitWarningMinutes(TriageSettings::waitWarningMinutes());
    m_listPanel->view()->viewport()->update();
    m_singleKeys->setEnabled(TriageSettings::singleKeyShortcuts());
}

void MainWindow::changeEvent(QEvent* event)
{
    // Back at the window: what it shows is read now, as a message that came meanwhile.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() &&
        !m_selection->currentConversationId().isEmpty())
        m_selection->markRead(m_selection->currentConversationId());
    QMainWindow::changeEvent(event);
}

void MainWindow::showShortcuts()
{
    auto* dialog = new ShortcutsDialog(m_shortcutGroups, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    // The user closed the window (not Quit, not the session ending, which close it from the
    // program): the leader keeps the inbox running for every seat (channels, the outbox,
    // webhook retries) until File → Quit. A seat has nothing to keep running.
    if (event->spontaneous() && m_services.isLeader()) {
        event->ignore();
        hide();
        m_alerts->announceRunningInBackground();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace zapito
