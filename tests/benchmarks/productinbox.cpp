// SPDX-License-Identifier: Apache-2.0
#include "productinbox.h"

#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "conversationlistview.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "selectioncontroller.h"
#include "transcriptpane.h"
#include "transcriptview.h"

#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>

namespace zapito::bench {

ProductInbox::ProductInbox(bool recordSql)
    : m_recordSql(recordSql)
    , m_verbose(qEnvironmentVariableIntValue("ZAPITO_BENCH_PAINT") >= 1)
{}

ProductInbox::~ProductInbox()
{
    m_recorder.reset();
    m_window.reset();
    m_services.reset();
}

QWidget* ProductInbox::list() const
{
    return m_window->listPanel()->view();
}

QWidget* ProductInbox::transcript() const
{
    return m_window->transcriptPane()->view();
}

double ProductInbox::openAndPaintFirstPage(const QString& databasePath)
{
    const auto start = Clock::now();
    DatabaseOpenError error;
    m_services = InboxServices::create(databasePath, &error);
    if (!m_services)
        qFatal("cannot open %s: %s", qPrintable(databasePath), qPrintable(error.message));
    if (m_recordSql) {
        m_recorder = std::make_unique<SqlRecorder>(m_services->database().connection());
        m_recorder->start();
    }
    m_window = std::make_unique<MainWindow>(*m_services);
    m_window->resize(1100, 720);
    PaintWaiter painted(m_window->listPanel()->view());
    m_window->show();
    painted.wait();
    const double ms = msSince(start);
    if (m_recorder)
        m_sql[Step::Open] = m_recorder->stop();
    // Steps after this one are timed on their own; the operator looks before clicking, so the
    // deferred start-up work (the first conversation's transcript, counts) is let finish first.
    m_window->selection().setLoadDelay(0);
    m_window->listPanel()->setSearchDelay(0);
    const auto settle = Clock::now();
    while (msSince(settle) < 50)
        QCoreApplication::processEvents();
    return ms;
}

double ProductInbox::timeUntilPainted(QWidget* target, Step step, const std::function<void()>& action)
{
    PaintWaiter painted(target);
    QCoreApplication::processEvents();
    painted.arm();
    if (m_recorder)
        m_recorder->start();
    const auto start = Clock::now();
    action();
    if (m_verbose)
        qInfo("product step %d: action returned after %.3f ms", int(step), msSince(start));
    const bool ok = painted.wait();
    const double ms = msSince(start);
    if (m_recorder)
        m_sql[step] = m_recorder->stop();
    return ok ? ms : -1;
}

double ProductInbox::toggleNeedsHuman(bool on)
{
    return timeUntilPainted(list(), on ? Step::ToggleOn : Step::ToggleOff,
                            [&] { m_window->listPanel()->setNeedsHumanOnly(on); });
}

double ProductInbox::search(const QString& text)
{
    // Typed text waits ConversationListPanel::kSearchDelayMs (200 ms) before the list is searched;
    // the delay is set to 0 so this times the search itself, from the last keystroke.
    return timeUntilPainted(list(), text.isEmpty() ? Step::ClearSearch : Step::Search,
                            [&] { m_window->listPanel()->searchField()->setText(text); });
}

double ProductInbox::openTranscript(const QString& conversationId)
{
    if (m_window->listModel().rowOf(conversationId) < 0)
        return -1;
    return timeUntilPainted(transcript(), Step::Transcript,
                            [&] { m_window->selection().select(conversationId); });
}

double ProductInbox::liveMessage(qint64 atMs)
{
    ConversationListModel& model = m_window->listModel();
    if (model.rowCount() <= 3)
        return -1;
    const QString target = model.conversationAt(3).id;
    return timeUntilPainted(list(), Step::Live, [&] {
        (void)m_services->store().appendMessage(target, MessageRole::User,
                                                QStringLiteral("Olá! Ainda estão abertos? ☕"), atMs);
    });
}

double ProductInbox::markResolved(qint64)
{
    ConversationListModel& model = m_window->listModel();
    if (model.rowCount() == 0)
        return -1;
    // Open the first conversation waiting for a human (untimed), then click Mark resolved.
    const QString target = model.conversationAt(0).id;
    m_window->selection().select(target);
    const auto settle = Clock::now();
    while (m_window->transcriptPane()->conversationId() != target && msSince(settle) < 5000)
        QCoreApplication::processEvents();
    QAction* resolve = m_window->transcriptPane()->resolveAction();
    if (!resolve->isEnabled())
        return -1;
    return timeUntilPainted(list(), Step::Resolve, [&] { resolve->trigger(); });
}

} // namespace zapito::bench
