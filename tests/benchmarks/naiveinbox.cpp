// SPDX-License-Identifier: Apache-2.0
#include "naiveinbox.h"

#include "benchsupport.h"

#include <QCoreApplication>
#include <QListView>
#include <QMainWindow>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlTableModel>

#include <atomic>

namespace zapito::bench {

NaiveInbox::NaiveInbox()
{
    static std::atomic<int> counter{0};
    m_connectionName = QStringLiteral("naive-%1").arg(++counter);
}

NaiveInbox::~NaiveInbox()
{
    m_window.reset();
    delete m_proxy;
    delete m_conversations;
    delete m_messages;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void NaiveInbox::selectAll(QSqlTableModel* model)
{
    if (!model->select())
        qFatal("naive select failed: %s", qPrintable(model->lastError().text()));
    // The proxy can only filter and count rows the source has fetched.
    while (model->canFetchMore())
        model->fetchMore();
}

double NaiveInbox::openAndPaintFirstPage(const QString& databasePath)
{
    const auto start = Clock::now();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(databasePath);
    if (!db.open())
        qFatal("naive open failed: %s", qPrintable(db.lastError().text()));
    QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode = WAL"));

    m_conversations = new QSqlTableModel(nullptr, db);
    m_conversations->setTable(QStringLiteral("conversations"));
    m_conversations->setEditStrategy(QSqlTableModel::OnManualSubmit);
    m_conversations->setSort(m_conversations->record().indexOf(QStringLiteral("last_activity_ms")),
                             Qt::DescendingOrder);
    selectAll(m_conversations);
    m_proxy = new QSortFilterProxyModel;
    m_proxy->setSourceModel(m_conversations);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_messages = new QSqlTableModel(nullptr, db);
    m_messages->setTable(QStringLiteral("messages"));
    m_messages->setSort(0, Qt::AscendingOrder);

    m_window = std::make_unique<QMainWindow>();
    auto* splitter = new QSplitter(m_window.get());
    m_listView = new QListView(splitter);
    m_listView->setModel(m_proxy);
    m_listView->setModelColumn(m_conversations->record().indexOf(QStringLiteral("contact_name")));
    m_transcriptView = new QListView(splitter);
    m_transcriptView->setWordWrap(true);
    m_transcriptView->setModel(m_messages);
    m_transcriptView->setModelColumn(m_messages->record().indexOf(QStringLiteral("content")));
    splitter->setSizes({360, 740});
    m_window->setCentralWidget(splitter);
    m_window->resize(1100, 720);

    PaintWaiter painted(m_listView->viewport());
    m_window->show();
    painted.wait();
    return msSince(start);
}

double NaiveInbox::timeList(const std::function<void()>& action)
{
    PaintWaiter painted(m_listView->viewport());
    QCoreApplication::processEvents();
    painted.arm();
    const auto start = Clock::now();
    action();
    painted.wait();
    return msSince(start);
}

double NaiveInbox::toggleNeedsHuman(bool on)
{
    m_needsHuman = on;
    return timeList([&] {
        m_proxy->setFilterKeyColumn(m_conversations->record().indexOf(QStringLiteral("status")));
        m_proxy->setFilterRegularExpression(on ? QStringLiteral("^handoff$") : QString());
    });
}

double NaiveInbox::search(const QString& text)
{
    return timeList([&] {
        m_proxy->setFilterKeyColumn(m_conversations->record().indexOf(QStringLiteral("contact_name")));
        m_proxy->setFilterFixedString(text);
    });
}

double NaiveInbox::openTranscript(const QString& conversationId)
{
    PaintWaiter painted(m_transcriptView->viewport());
    QCoreApplication::processEvents();
    painted.arm();
    const auto start = Clock::now();
    m_messages->setFilter(QStringLiteral("conversation_id = '%1'").arg(conversationId));
    selectAll(m_messages); // to show the newest message at the bottom, every row is needed
    m_transcriptView->scrollToBottom();
    painted.wait();
    return msSince(start);
}

double NaiveInbox::liveMessage(qint64 atMs)
{
    if (m_proxy->rowCount() <= 3)
        return -1;
    const QString target = m_proxy->index(3, 0).data().toString();
    return timeList([&] {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName);
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) "
                                 "VALUES (?, 'user', ?, ?)"));
        q.addBindValue(target);
        q.addBindValue(QStringLiteral("Olá! Ainda estão abertos? ☕"));
        q.addBindValue(atMs);
        q.exec();
        q.prepare(QStringLiteral("UPDATE conversations SET last_activity_ms = ?, last_message_preview = ?, "
                                 "unread_count = unread_count + 1 WHERE id = ?"));
        q.addBindValue(atMs);
        q.addBindValue(QStringLiteral("Olá! Ainda estão abertos? ☕"));
        q.addBindValue(target);
        q.exec();
        db.commit();
        selectAll(m_conversations); // QSqlTableModel learns of outside writes only by re-selecting
    });
}

double NaiveInbox::markResolved(qint64 atMs)
{
    if (m_proxy->rowCount() == 0)
        return -1;
    const QString target = m_proxy->index(0, 0).data().toString();
    return timeList([&] {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName);
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE handoff_events SET resolved_at_ms = ?, resolved_by = 'operator' "
                                 "WHERE conversation_id = ? AND resolved_at_ms IS NULL"));
        q.addBindValue(atMs);
        q.addBindValue(target);
        q.exec();
        q.prepare(QStringLiteral(
            "UPDATE conversations SET status = 'bot', open_handoff_reason = NULL WHERE id = ?"));
        q.addBindValue(target);
        q.exec();
        db.commit();
        selectAll(m_conversations);
    });
}

} // namespace zapito::bench
