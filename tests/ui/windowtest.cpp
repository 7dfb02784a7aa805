// SPDX-License-Identifier: Apache-2.0
#include "windowtest.h"

#include "conversationlistview.h"
#include "inboxroles.h"
#include "modelwait.h"
#include "pipelinewait.h"
#include "selectioncontroller.h"
#include "viewtabs.h"

#include <QApplication>
#include <QTest>

namespace zapito::test {

void WindowTest::openInbox()
{
    m_dir = std::make_unique<QTemporaryDir>();
    DatabaseOpenError error;
    m_services = InboxServices::create(m_dir->filePath(QStringLiteral("inbox.sqlite")), &error);
    QVERIFY2(m_services, qPrintable(error.message));
    m_whatsapp = std::make_unique<FakeChannel>(QStringLiteral("whatsapp"));
    m_services->channels().add(m_whatsapp.get());
    m_services->engine().setAgent(m_agent);
}

void WindowTest::closeInbox()
{
    m_window.reset();
    m_services.reset();
    m_whatsapp.reset();
    m_dir.reset();
}

void WindowTest::openWindow(bool activate)
{
    m_window = std::make_unique<MainWindow>(*m_services);
    m_window->selection().setLoadDelay(0);
    m_window->listPanel()->setSearchDelay(10);
    m_window->show();
    if (activate) {
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    } else {
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    QVERIFY(settled());
}

QString WindowTest::customer(const QString& channel, const QString& externalId, const QString& name,
                             const QString& text)
{
    m_now += 60'000;
    const qint64 at = m_now;
    m_services->engine().setClock([at] { return at + 1000; });
    auto id = receiveAndDecide(m_services->engine(), m_services->store(), channel, externalId, name, text,
                               QDateTime::fromMSecsSinceEpoch(at, Qt::UTC));
    if (!id)
        qFatal("receive failed: %s", qPrintable(id.error()));
    return *id;
}

bool WindowTest::settled()
{
    return waitForStore(m_services->store());
}

ConversationListView* WindowTest::list() const
{
    return m_window->listPanel()->view();
}

ViewTabs* WindowTest::views() const
{
    return find<ViewTabs>("viewTabs");
}

int WindowTest::tabOf(InboxView view) const
{
    return int(ConversationListPanel::views().indexOf(view));
}

QString WindowTest::tabText(InboxView view) const
{
    return views()->tabText(tabOf(view));
}

void WindowTest::clickView(InboxView view)
{
    // The tab drawn there takes the click, as a person's would.
    const QPoint centre = views()->tabRect(tabOf(view)).center();
    QWidget* tab = views()->childAt(centre);
    QVERIFY(tab);
    QTest::mouseClick(tab, Qt::LeftButton, {}, tab->mapFrom(views(), centre));
    QVERIFY(settled());
}

void WindowTest::clickRow(int row)
{
    const QRect rect = list()->visualRect(m_window->listModel().index(row));
    QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(settled());
}

QString WindowTest::idAt(int row) const
{
    return m_window->listModel().index(row).data(ConversationRoles::IdRole).toString();
}

} // namespace zapito::test
