// SPDX-License-Identifier: Apache-2.0
#include "conversationlistpanel.h"

#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "conversationlistview.h"
#include "emptystate.h"
#include "uistyle.h"
#include "untrustedtext.h"
#include "viewtabs.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace zapito {

ConversationListPanel::ConversationListPanel(ConversationListModel& model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_views(new ViewTabs(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new ConversationListView(this))
    , m_delegate(new ConversationDelegate(this))
    , m_empty(new EmptyState(this))
    , m_searchTimer(new QTimer(this))
    , m_waitTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("conversationListPanel"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search names, numbers and messages"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(ui::resourceIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);

    m_views->setObjectName(QStringLiteral("viewTabs"));
    for (const InboxView v : views())
        m_views->addTab(viewName(v), int(v));
    m_views->setTabIcon(int(views().indexOf(InboxView::NeedsHuman)),
                        ui::resourceIcon(QStringLiteral("needs-human")));
    m_views->setTabToolTip(int(views().indexOf(InboxView::All)), tr("Every conversation"));
    m_views->setTabToolTip(int(views().indexOf(InboxView::NeedsHuman)),
                           tr("Conversations the bot handed to a human, waiting longest first"));
    m_views->setTabToolTip(int(views().indexOf(InboxView::Mine)),
                           tr("Conversations assigned to you or taken over by you"));
    m_views->setTabToolTip(int(views().indexOf(InboxView::Bot)), tr("Conversations the bot is handling"));
    m_views->setTabToolTip(int(views().indexOf(InboxView::Resolved)),
                           tr("Conversations an operator resolved; reopen one to hand it back to a human"));
    connect(m_views, &ViewTabs::currentChanged, this, [this](int tab) {
        m_model.setView(InboxView(m_views->tabData(tab).toInt()));
        updateEmptyState();
    });

    m_waitTimer->setObjectName(QStringLiteral("waitRefreshTimer"));
    m_waitTimer->setInterval(kWaitRefreshMs);
    connect(m_waitTimer, &QTimer::timeout, this, [this] { m_view->viewport()->update(); });
    m_waitTimer->start();

    m_view->setObjectName(QStringLiteral("conversationList"));
    m_view->setItemDelegate(m_delegate);
    m_view->setModel(&m_model);
    m_view->installEventFilter(this);

    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, [this] {
        m_model.setSearch(m_search->text());
        updateEmptyState();
    });

    m_empty->setObjectName(QStringLiteral("listEmptyState"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 8, 0, 0);
    column->setSpacing(8);
    auto* top = new QVBoxLayout;
    top->setContentsMargins(10, 0, 10, 0);
    top->setSpacing(8);
    top->addWidget(m_search);
    top->addWidget(m_views);
    column->addLayout(top);
    column->addWidget(m_stack, 1);

    connect(&m_model, &ConversationListModel::countsChanged, this, &ConversationListPanel::updateCounts);
    connect(&m_model, &ConversationListModel::searchCountsChanged, this,
            &ConversationListPanel::updateCounts);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_model, signal, this, &ConversationListPanel::updateEmptyState);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ConversationListPanel::updateEmptyState);
    updateCounts();
    updateEmptyState();
}

const QList<InboxView>& ConversationListPanel::views()
{
    static const QList<InboxView> all{InboxView::All, InboxView::NeedsHuman, InboxView::Mine, InboxView::Bot,
                                      InboxView::Resolved};
    return all;
}

QString ConversationListPanel::viewName(InboxView view)
{
    switch (view) {
    case InboxView::All:
        return tr("All");
    case InboxView::NeedsHuman:
        return tr("Needs a human");
    case InboxView::Mine:
        return tr("Mine");
    case InboxView::Bot:
        return tr("Bot");
    case InboxView::Resolved:
        return tr("Resolved");
    }
    return {};
}

bool ConversationListPanel::needsHumanOnly() const
{
    return inboxView() == InboxView::NeedsHuman;
}

void ConversationListPanel::setNeedsHumanOnly(bool on)
{
    setView(on ? InboxView::NeedsHuman : InboxView::All);
}

InboxView ConversationListPanel::inboxView() const
{
    return InboxView(m_views->tabData(m_views->currentIndex()).toInt());
}

void ConversationListPanel::setView(InboxView view)
{
    m_views->setCurrentIndex(int(views().indexOf(view)));
}

void ConversationListPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ConversationListPanel::focusList()
{
    m_view->setFocus(Qt::ShortcutFocusReason);
    if (m_model.isLoading()) {
        // The page is on its way (a search just typed, the window just opened): its first
        // row becomes current when it is there.
        auto* once = new QObject(this);
        connect(&m_model, &ConversationListModel::pageLoaded, once, [this, once] {
            once->deleteLater();
            selectFirstIfNone();
        });
        return;
    }
    selectFirstIfNone();
}

void ConversationListPanel::selectFirstIfNone()
{
    if (!m_view->currentIndex().isValid() && m_model.rowCount() > 0)
        m_view->setCurrentIndex(m_model.index(0));
}

void ConversationListPanel::setSearchDelay(int ms)
{
    m_searchTimer->setInterval(ms);
}

bool ConversationListPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_search) {
        // Down or Enter leaves the search box for the results; Escape clears it first.
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_searchTimer->isActive()) {
                m_searchTimer->stop();
                m_model.setSearch(m_search->text());
                updateEmptyState();
            }
            focusList();
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConversationListPanel::updateCounts()
{
    // While a search is typed the tabs count what it finds in each view, else the inbox's totals.
    const auto counts = m_model.counts();
    const auto& found = m_model.searchCounts();
    for (int tab = 0; tab < m_views->count(); ++tab) {
        const auto v = InboxView(m_views->tabData(tab).toInt());
        QString count = QString::number(counts.of(v));
        if (found) {
            const auto& c = ConversationListModel::searchCountOf(*found, v);
            //: A search's count that stopped at its limit: at least this many, e.g. "500+".
            count = c.capped ? tr("%1+").arg(c.found) : QString::number(c.found);
        }
        //: A view's tab: its name and how many conversations it holds, e.g. "Mine 3".
        m_views->setTabText(tab, viewName(v), count, tr("%1  %2").arg(viewName(v), count));
    }
    updateEmptyState();
}

void ConversationListPanel::updateEmptyState()
{
    // While the first page is on its way the list stays as it is: an empty state shown for a
    // few milliseconds ("No conversations yet") would only flash a wrong message.
    if (m_model.rowCount() > 0 || (m_model.isLoading() && m_stack->currentWidget() == m_view)) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    m_empty->clearButtons();
    const QString search = m_model.filter().search;
    if (!search.isEmpty()) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("search")),
                            tr("No conversations match “%1”").arg(isolated(search)),
                            tr("Search looks at contact names, phone numbers and message text."));
        connect(m_empty->addButton(QStringLiteral("clearSearchButton"), tr("Clear search")),
                &QPushButton::clicked, m_search, &QLineEdit::clear);
    } else if (m_model.counts().all == 0) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("inbox")), tr("No conversations yet"),
                            tr("When customers message your bot on WhatsApp or Telegram, their "
                               "conversations appear here. The ones the bot hands to a person also "
                               "show up under Needs a human."));
        connect(m_empty->addButton(QStringLiteral("connectChannelButton"), tr("Connect a channel…"), true),
                &QPushButton::clicked, this, &ConversationListPanel::connectChannelRequested);
        connect(m_empty->addButton(QStringLiteral("loadSamplesButton"), tr("Load sample conversations")),
                &QPushButton::clicked, this, &ConversationListPanel::loadSamplesRequested);
    } else if (m_model.filter().view == InboxView::Mine) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("all-clear")), tr("Nothing is assigned to you"),
                            tr("Conversations you reply to or assign to yourself (A) show up here."));
    } else if (m_model.filter().view == InboxView::Resolved) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("all-clear")), tr("Nothing resolved yet"),
                            tr("Conversations you mark resolved show up here, to reopen if needed."));
    } else if (m_model.filter().view == InboxView::Bot) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("inbox")), tr("The bot has no conversations"),
                            QString());
    } else if (m_model.filter().needsHumanOnly()) {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("all-clear")),
                            tr("Nobody is waiting for a human"),
                            tr("When the bot hands a conversation over, it appears here and you get a "
                               "notification."));
        connect(m_empty->addButton(QStringLiteral("showAllButton"), tr("Show all conversations")),
                &QPushButton::clicked, this, [this] { setNeedsHumanOnly(false); });
    } else {
        m_empty->setContent(ui::resourceIcon(QStringLiteral("inbox")), tr("No conversations"), QString());
    }
    m_stack->setCurrentWidget(m_empty);
}

} // namespace zapito
