// SPDX-License-Identifier: Apache-2.0
#include "productinbox.h"

#include "benchsupport.h"
#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "selectioncontroller.h"
#include "transcriptmodel.h"
#include "transcriptpane.h"
#include "transcriptscroll.h"
#include "transcriptview.h"

#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>

namespace zapito::bench {

namespace {
const QString kLiveText = QStringLiteral("Olá! Ainda estão abertos? ☕");
}

ProductInbox::ProductInbox() = default;

ProductInbox::~ProductInbox()
{
    m_window.reset();
    m_services.reset();
}

QWidget* ProductInbox::listView() const
{
    return m_window->listPanel()->view();
}

QWidget* ProductInbox::listEmptyState() const
{
    return m_window->listPanel()->findChild<QWidget*>(QStringLiteral("listEmptyState"));
}

QWidget* ProductInbox::transcript() const
{
    return m_window->transcriptPane()->view();
}

int ProductInbox::listedRows() const
{
    return m_window->listModel().rowCount();
}

QString ProductInbox::listedId(int row) const
{
    return m_window->listModel().conversationAt(row).id;
}

bool ProductInbox::needsHumanOnly() const
{
    return m_window->listPanel()->needsHumanOnly();
}

QString ProductInbox::searchText() const
{
    return m_window->listPanel()->searchField()->text();
}

namespace {

// The list has read the first page of `wanted`: the model says so with pageLoaded(), or, when
// it reads in the call itself, by not loading any more. A page that arrives for another filter
// (an answer overtaken by the next request) is not it.
class ListData final
{
public:
    ListData(const ConversationListModel& model, ConversationFilter wanted)
        : m_model(model)
        , m_wanted(std::move(wanted))
        , m_wait([this] { return m_model.filter() == m_wanted && (m_pageSeen || !m_model.isLoading()); })
    {
        // Connected before the wait itself, so the flag is set when the wait looks.
        m_connection = QObject::connect(&model, &ConversationListModel::pageLoaded, &m_context, [this] {
            if (m_model.filter() == m_wanted)
                m_pageSeen = true;
        });
        m_wait.on(&model, &ConversationListModel::pageLoaded);
        m_wait.on(&model, &QAbstractItemModel::modelReset);
    }
    ~ListData() { QObject::disconnect(m_connection); }
    DataWait& wait() { return m_wait; }

private:
    const ConversationListModel& m_model;
    ConversationFilter m_wanted;
    QObject m_context;
    QMetaObject::Connection m_connection;
    bool m_pageSeen = false;
    DataWait m_wait;
};

} // namespace

double ProductInbox::openAndPaintFirstPage(const QString& databasePath)
{
    const auto start = Clock::now();
    DatabaseOpenError error;
    m_services = InboxServices::create(databasePath, &error);
    if (!m_services)
        qFatal("cannot open %s: %s", qPrintable(databasePath), qPrintable(error.message));
    m_window = std::make_unique<MainWindow>(*m_services);
    m_window->resize(1100, 720);
    ListData data(m_window->listModel(), m_window->listModel().filter());
    data.wait().arm();
    data.wait().check();
    PaintWaiter painted(PaintWaiter::inside(listView()), [&] { return data.wait().arrived(); });
    m_window->show();
    const bool ok = painted.wait();
    const double ms = msSince(start);
    // Steps after this one are timed on their own; the operator looks before clicking, so the
    // deferred start-up work (the first conversation's transcript, counts) is let finish first.
    m_window->selection().setLoadDelay(0);
    // Typed text waits ConversationListPanel::kSearchDelayMs before the list is searched; at 0
    // the search itself is timed, from the last keystroke.
    m_window->listPanel()->setSearchDelay(0);
    waitUntil([&] { return !m_window->transcriptModel().isLoading(); }, 5'000);
    settle(50);
    return ok ? ms : -1;
}

bool ProductInbox::listDataFor(const QString& search, bool needsHuman) const
{
    const ConversationFilter& f = m_window->listModel().filter();
    return f.search == search.simplified() && f.needsHumanOnly() == needsHuman;
}

double ProductInbox::toggleNeedsHuman(bool on)
{
    if (on == needsHumanOnly())
        return -1; // nothing to click
    const ConversationListModel& model = m_window->listModel();
    ConversationFilter wanted = model.filter();
    wanted.view = on ? InboxView::NeedsHuman : InboxView::All;
    ListData data(model, wanted);
    QWidget* view = listView();
    QWidget* empty = listEmptyState();
    const auto accepts = [&](QWidget* w) {
        return model.rowCount() > 0 || !empty ? PaintWaiter::inside(view)(w) : PaintWaiter::inside(empty)(w);
    };
    return timeToPaint(
        "Needs a human", [&] { m_window->listPanel()->setNeedsHumanOnly(on); }, data.wait(), accepts);
}

double ProductInbox::typeSearch(const QString& text)
{
    const ConversationListModel& model = m_window->listModel();
    ConversationFilter wanted = model.filter();
    wanted.search = text.simplified();
    ListData data(model, wanted);
    QWidget* view = listView();
    QWidget* empty = listEmptyState();
    // The rows when there are some; the empty state ("No conversations match …") when not.
    const auto accepts = [&](QWidget* w) {
        return model.rowCount() > 0 || !empty ? PaintWaiter::inside(view)(w) : PaintWaiter::inside(empty)(w);
    };
    return timeToPaint(
        "search", [&] { m_window->listPanel()->searchField()->setText(text); }, data.wait(), accepts);
}

double ProductInbox::search(const QString& text)
{
    if (text == searchText())
        return -1; // nothing typed
    return typeSearch(text);
}

double ProductInbox::open(const QString& conversationId)
{
    const TranscriptModel& model = m_window->transcriptModel();
    if (model.conversationId() == conversationId)
        return -1; // already open: a click would load nothing
    if (m_window->listModel().rowOf(conversationId) < 0)
        return -1; // not listed: there is no row to click
    DataWait data([&] { return model.conversationId() == conversationId && !model.isLoading(); });
    data.on(&model, &TranscriptModel::loaded);
    data.on(&model, &QAbstractItemModel::modelReset);
    return timeToPaint(
        "transcript", [&] { m_window->selection().select(conversationId); }, data,
        PaintWaiter::inside(transcript()), 20'000);
}

double ProductInbox::openTranscript(const QString& conversationId, const QString& externalId)
{
    // Wherever the conversation sits: if it is not on the loaded pages, the operator finds it by
    // its number first (not timed), as anyone would.
    const bool searched = m_window->listModel().rowOf(conversationId) < 0;
    if (searched && externalId != searchText())
        typeSearch(externalId);
    const double ms = open(conversationId);
    if (searched && !searchText().isEmpty())
        typeSearch(QString());
    return ms;
}

double ProductInbox::openRow(int row)
{
    const ConversationListModel& model = m_window->listModel();
    if (row < 0 || row >= model.rowCount())
        return -1;
    return open(model.conversationAt(row).id);
}

ScrollResult ProductInbox::scrollTranscriptToOldest(int totalRows, int budgetMs)
{
    auto* area = qobject_cast<QAbstractScrollArea*>(transcript());
    if (!area)
        area = transcript()->findChild<QAbstractScrollArea*>();
    if (!area)
        return {};
    return scrollToOldest(area, &m_window->transcriptModel(), totalRows, budgetMs);
}

double ProductInbox::liveMessage(const QString& conversationId, qint64 atMs)
{
    const ConversationListModel& model = m_window->listModel();
    // Newest first, the row comes to the top; in Needs a human (waiting longest first) it keeps
    // its place and shows the new message.
    const bool newestFirst = model.filter().view != InboxView::NeedsHuman;
    DataWait data([&] {
        const int row = model.rowOf(conversationId);
        return row >= 0 && (!newestFirst || row == 0) &&
               model.index(row).data(ConversationRoles::LastActivityMsRole).toLongLong() == atMs;
    });
    data.onModelChanges(&model);
    return timeToPaint(
        "live message",
        [&] { (void)m_services->store().appendMessage(conversationId, MessageRole::User, kLiveText, atMs); },
        data, PaintWaiter::inside(listView()));
}

double ProductInbox::markResolved(qint64)
{
    const ConversationListModel& model = m_window->listModel();
    if (!model.filter().needsHumanOnly() || model.rowCount() == 0)
        return -1;
    // Open the first conversation waiting for a human (not timed), then click Mark resolved.
    const QString target = model.conversationAt(0).id;
    open(target);
    TranscriptPane* pane = m_window->transcriptPane();
    QAction* resolve = pane->resolveAction();
    if (!waitUntil([&] { return pane->conversationId() == target && resolve->isEnabled(); }, 5'000))
        return -1;
    DataWait data([&] { return model.rowOf(target) < 0; });
    data.onModelChanges(&model);
    QWidget* view = listView();
    QWidget* empty = listEmptyState();
    const auto accepts = [&](QWidget* w) {
        return model.rowCount() > 0 || !empty ? PaintWaiter::inside(view)(w) : PaintWaiter::inside(empty)(w);
    };
    return timeToPaint(
        "Mark resolved", [&] { resolve->trigger(); }, data, accepts);
}

} // namespace zapito::bench
