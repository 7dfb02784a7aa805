// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationlistmodel.h"
#include "conversationlistpanel.h"
#include "fakechannel.h"
#include "inboxservices.h"
#include "mainwindow.h"
#include "ruleagent.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace zapito {
class ConversationListView;
class ViewTabs;
} // namespace zapito

namespace zapito::test {

// The window over a fresh SQLite inbox, as the window's tests drive it: a fake WhatsApp channel,
// the rule agent, a clock that moves a minute per customer, and the helpers they share (a
// customer writes, the models settle, a view tab or a row is clicked as a person would).
// A test class derives from it and calls openInbox() in init() and closeInbox() in cleanup().
class WindowTest : public QObject
{
    Q_OBJECT

protected:
    // Opens the inbox in a fresh folder; fails the calling test when it cannot.
    void openInbox();
    // The window first, then what it shows, then the folder.
    void closeInbox();
    // The window, with no selection or search delay; `activate` waits until it has the focus.
    void openWindow(bool activate = false);

    // A customer's message, received and decided a minute after the previous one.
    QString customer(const QString& channel, const QString& externalId, const QString& name,
                     const QString& text);
    // Every read the window's models asked for has arrived.
    bool settled();
    template<typename T> T* find(const char* name) const
    {
        return m_window->findChild<T*>(QLatin1String(name));
    }
    ConversationListView* list() const;
    ViewTabs* views() const;
    int tabOf(InboxView view) const;
    QString tabText(InboxView view) const;
    void clickView(InboxView view);
    void clickRow(int row);
    QString idAt(int row) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<InboxServices> m_services;
    std::unique_ptr<FakeChannel> m_whatsapp;
    RuleAgent m_agent;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_now = 1'700'000'000'000;
};

} // namespace zapito::test
