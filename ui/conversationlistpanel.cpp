// SPDX-License-Identifier: Apache-2.0
#include "conversationlistpanel.h"

#include "conversationdelegate.h"
#include "conversationlistmodel.h"
#include "conversationlistview.h"
#include "emptystate.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include <QButtonGroup>
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
    , m_allButton(new QPushButton(this))
    , m_needsHumanButton(new QPushButton(this))
    , m_stack(new QStackedWidget(this))
    , m_view(new ConversationListView(this))
    , m_delegate(new ConversationDelegate(this))
    , m_empty(new EmptyState(this))
    , m_searchTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("conversationListPanel"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search names, numbers and messages"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(ui::resourceIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->installEventFilter(this);

    m_allButton->setObjectName(QStringLiteral("filterAllButton"));
    m_needsHumanButton->setObjectName(QStringLiteral("filterNeedsHumanButton"));
    m_needsHumanButton->setIcon(ui::resourceIcon(QStringLiteral("needs-human")));
    auto* group = new QButtonGroup(this);
    for (QPushButton* b : {m_allButton, m_needsHumanButton}) {
        b->setCheckable(true);
        b->setFocusPolicy(Qt::TabFocus);
        group->addButton(b);
    }
    // The chosen filter is unmistakable in light and dark palettes alike.
    const auto paintChecked = [](QPushButton* b, bool on) {
        QPalette pal = b->parentWidget()->palette();
        if (on) {
            pal.setColor(QPalette::Button, pal.color(QPalette::Highlight));
            pal.setColor(QPalette::ButtonText, pal.color(QPalette::HighlightedText));
        }
        b->setPalette(pal);
        QFont f = b->font();
        f.setBold(on);
        b->setFont(f);
    };
    for (QPushButton* b : {m_allButton, m_needsHumanButton})
        connect(b, &QPushButton::toggled, b, [b, paintChecked](bool on) { paintChecked(b, on); });
    m_allButton->setChecked(true);
    m_allButton->setToolTip(tr("Every conversation (Ctrl+1)"));
    m_needsHumanButton->setToolTip(tr("Only conversations the bot handed to a human (Ctrl+2)"));
    connect(m_needsHumanButton, &QPushButton::toggled, this, [this](bool on) {
        m_model.setNeedsHumanOnly(on);
        updateEmptyState();
    });

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

    auto* filters = new QHBoxLayout;
    filters->setSpacing(6);
    filters->addWidget(m_allButton);
    filters->addWidget(m_needsHumanButton);
    filters->addStretch();

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 8, 0, 0);
    column->setSpacing(8);
    auto* top = new QVBoxLayout;
    top->setContentsMargins(10, 0, 10, 0);
    top->setSpacing(8);
    top->addWidget(m_search);
    top->addLayout(filters);
    column->addLayout(top);
    column->addWidget(m_stack, 1);

    connect(&m_model, &ConversationListModel::countsChanged, this, &ConversationListPanel::updateCounts);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_model, signal, this, &ConversationListPanel::updateEmptyState);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ConversationListPanel::updateEmptyState);
    updateCounts();
    updateEmptyState();
}

bool ConversationListPanel::needsHumanOnly() const
{
    return m_needsHumanButton->isChecked();
}

void ConversationListPanel::setNeedsHumanOnly(bool on)
{
    (on ? m_needsHumanButton : m_allButton)->setChecked(true);
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
    const auto counts = m_model.counts();
    m_allButton->setText(tr("All  %1").arg(counts.all));
    m_needsHumanButton->setText(tr("Needs a human  %1").arg(counts.needsHuman));
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
