// SPDX-License-Identifier: Apache-2.0
#include "naiveinbox.h"

#include "benchsupport.h"
#include "transcriptscroll.h"

#include <QButtonGroup>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <atomic>

namespace zapito::bench {

namespace {

const QString kLiveText = QStringLiteral("Olá! Ainda estão abertos? ☕");

// Name and last message on two lines: what the row shows, so the view lays out and paints
// about what the product's delegate does.
class ConversationRows final : public QSqlQueryModel
{
public:
    using QSqlQueryModel::QSqlQueryModel;
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (role == Qt::DisplayRole && index.column() == 0)
            return QString(QSqlQueryModel::data(this->index(index.row(), 1)).toString() + u'\n' +
                           QSqlQueryModel::data(this->index(index.row(), 2)).toString());
        return QSqlQueryModel::data(index, role);
    }
};

QString likePattern(const QString& text)
{
    QString pattern = text;
    pattern.replace(u'\\', QLatin1String("\\\\"))
        .replace(u'%', QLatin1String("\\%"))
        .replace(u'_', QLatin1String("\\_"));
    return QString(u'%' + pattern + u'%');
}

void exec(QSqlQuery& q)
{
    if (!q.exec())
        qFatal("baseline: %s: %s", qPrintable(q.lastQuery()), qPrintable(q.lastError().text()));
}

} // namespace

NaiveInbox::NaiveInbox()
{
    static std::atomic<int> counter{0};
    m_connectionName = QStringLiteral("naive-%1").arg(++counter);
}

NaiveInbox::~NaiveInbox()
{
    m_window.reset();
    delete m_conversations;
    delete m_messages;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase NaiveInbox::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void NaiveInbox::refreshCounts()
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'handoff') FROM conversations"));
    exec(q);
    q.next();
    m_all->setText(QStringLiteral("All  %1").arg(q.value(0).toInt()));
    m_needsHumanButton->setText(QStringLiteral("Needs a human  %1").arg(q.value(1).toInt()));
}

void NaiveInbox::refreshList()
{
    QStringList where;
    QVariantList binds;
    if (m_needsHuman)
        where << QStringLiteral("status = 'handoff'");
    const QString search = m_searchText.simplified();
    if (!search.isEmpty()) {
        // "+55 11 9999" finds the number 55119999…, as in the product.
        QString digits = search;
        digits.remove(QRegularExpression(QStringLiteral("[\\s+()\\-.]")));
        const bool number = !digits.isEmpty() &&
                            std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit(); });
        where << QStringLiteral("(contact_name LIKE ? ESCAPE '\\' OR external_id LIKE ? ESCAPE '\\' OR "
                                "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND "
                                "m.content LIKE ? ESCAPE '\\'))");
        binds << likePattern(search) << likePattern(number ? digits : search) << likePattern(search);
    }
    QString sql = QStringLiteral("SELECT id, contact_name, last_message_preview, status, last_activity_ms, "
                                 "unread_count FROM conversations c");
    if (!where.isEmpty())
        sql += QLatin1String(" WHERE ") + where.join(QLatin1String(" AND "));
    sql += QLatin1String(" ORDER BY last_activity_ms DESC, id DESC");
    QSqlQuery q(db());
    if (!q.prepare(sql))
        qFatal("baseline: %s", qPrintable(q.lastError().text()));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    exec(q);
    // setQuery() reads the first 256 rows; the view asks for more as it scrolls down.
    m_conversations->setQuery(std::move(q));
    if (m_conversations->lastError().isValid())
        qFatal("baseline: %s", qPrintable(m_conversations->lastError().text()));
    ++m_listGeneration;
    if (m_conversations->rowCount() > 0) {
        m_stack->setCurrentWidget(m_list);
    } else {
        m_empty->setText(search.isEmpty() ? QStringLiteral("Nobody is waiting for a human")
                                          : QStringLiteral("No conversations match “%1”").arg(search));
        m_stack->setCurrentWidget(m_empty);
    }
}

void NaiveInbox::showTranscript(const QString& conversationId)
{
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("SELECT content, role, at_ms FROM messages WHERE conversation_id = ? ORDER BY seq"));
    q.addBindValue(conversationId);
    exec(q);
    m_messages->setQuery(std::move(q));
    // A chat opens at its newest message, and a QSqlQueryModel only fetches forward.
    while (m_messages->canFetchMore())
        m_messages->fetchMore();
    m_transcript->scrollToBottom();
    m_shown = conversationId;
}

double NaiveInbox::openAndPaintFirstPage(const QString& databasePath)
{
    const auto start = Clock::now();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(databasePath);
    if (!db.open())
        qFatal("baseline open failed: %s", qPrintable(db.lastError().text()));
    for (const char* pragma : {"PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL",
                               "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
        QSqlQuery q(db);
        q.prepare(QLatin1String(pragma));
        exec(q);
    }

    m_window = std::make_unique<QMainWindow>();
    auto* splitter = new QSplitter(m_window.get());
    auto* left = new QWidget(splitter);
    auto* column = new QVBoxLayout(left);
    m_search = new QLineEdit(left);
    m_search->setPlaceholderText(QStringLiteral("Search names, numbers and messages"));
    m_all = new QPushButton(left);
    m_needsHumanButton = new QPushButton(left);
    auto* group = new QButtonGroup(left);
    for (QPushButton* b : {m_all, m_needsHumanButton}) {
        b->setCheckable(true);
        group->addButton(b);
    }
    m_all->setChecked(true);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_all);
    filters->addWidget(m_needsHumanButton);
    filters->addStretch();
    m_stack = new QStackedWidget(left);
    m_list = new QListView(m_stack);
    m_empty = new QLabel(m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);
    column->addWidget(m_search);
    column->addLayout(filters);
    column->addWidget(m_stack, 1);
    m_transcript = new QListView(splitter);
    m_transcript->setWordWrap(true);
    m_transcript->setResizeMode(QListView::Adjust);
    splitter->setSizes({360, 740});
    m_window->setCentralWidget(splitter);
    m_window->resize(1100, 720);

    m_conversations = new ConversationRows;
    m_messages = new QSqlQueryModel;
    refreshCounts();
    refreshList();
    m_list->setModel(m_conversations);
    m_transcript->setModel(m_messages);
    QObject::connect(m_needsHumanButton, &QPushButton::toggled, m_list, [this](bool on) {
        m_needsHuman = on;
        refreshList();
    });
    QObject::connect(m_search, &QLineEdit::textChanged, m_list, [this](const QString& text) {
        m_searchText = text;
        refreshList();
    });

    PaintWaiter painted(m_list->viewport());
    m_window->show();
    const bool ok = painted.wait();
    const double ms = msSince(start);
    settle(50);
    return ok ? ms : -1;
}

double NaiveInbox::timeList(const char* what, const std::function<void()>& action)
{
    const quint64 before = m_listGeneration;
    DataWait data([&] { return m_listGeneration != before; });
    const auto accepts = [this](QWidget* w) {
        QWidget* shown = m_conversations->rowCount() > 0 ? static_cast<QWidget*>(m_list) : m_empty;
        return PaintWaiter::inside(shown)(w);
    };
    return timeToPaint(what, action, data, accepts);
}

double NaiveInbox::toggleNeedsHuman(bool on)
{
    if (on == m_needsHuman)
        return -1;
    return timeList("baseline Needs a human", [&] { (on ? m_needsHumanButton : m_all)->setChecked(true); });
}

double NaiveInbox::search(const QString& text)
{
    if (text == m_searchText)
        return -1;
    return timeList("baseline search", [&] { m_search->setText(text); });
}

double NaiveInbox::openTimed(const QString& conversationId)
{
    if (conversationId.isEmpty() || conversationId == m_shown)
        return -1;
    DataWait data([&] { return m_shown == conversationId; });
    return timeToPaint(
        "baseline transcript", [&] { showTranscript(conversationId); }, data,
        PaintWaiter::inside(m_transcript), 20'000);
}

double NaiveInbox::openTranscript(const QString& conversationId, const QString&)
{
    // The baseline reads a transcript by id whether or not its row is on the fetched pages.
    return openTimed(conversationId);
}

double NaiveInbox::openRow(int row)
{
    return openTimed(listedId(row));
}

ScrollResult NaiveInbox::scrollTranscriptToOldest(int totalRows, int budgetMs)
{
    return scrollToOldest(m_transcript, m_messages, totalRows, budgetMs);
}

int NaiveInbox::listedRows() const
{
    return m_conversations->rowCount();
}

QString NaiveInbox::listedId(int row) const
{
    if (row < 0 || row >= m_conversations->rowCount())
        return {};
    return m_conversations->record(row).value(0).toString();
}

double NaiveInbox::liveMessage(const QString& conversationId, qint64 atMs)
{
    return timeList("baseline live message", [&] {
        QSqlDatabase db = this->db();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("BEGIN IMMEDIATE"));
        exec(q);
        q.prepare(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms) "
                                 "VALUES (?, 'user', ?, ?)"));
        q.addBindValue(conversationId);
        q.addBindValue(kLiveText);
        q.addBindValue(atMs);
        exec(q);
        q.prepare(QStringLiteral("UPDATE conversations SET last_activity_ms = MAX(last_activity_ms, ?), "
                                 "last_message_preview = ?, unread_count = unread_count + 1 WHERE id = ?"));
        q.addBindValue(atMs);
        q.addBindValue(kLiveText);
        q.addBindValue(conversationId);
        exec(q);
        q.prepare(QStringLiteral("COMMIT"));
        exec(q);
        // A QSqlQueryModel learns of a change only by running its query again.
        refreshList();
        if (conversationId == m_shown)
            showTranscript(conversationId);
    });
}

double NaiveInbox::markResolved(qint64 atMs)
{
    if (!m_needsHuman || listedRows() == 0)
        return -1;
    const QString target = listedId(0);
    if (target != m_shown)
        showTranscript(target); // opened first, not timed
    settle(10);
    return timeList("baseline Mark resolved", [&] {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("BEGIN IMMEDIATE"));
        exec(q);
        q.prepare(QStringLiteral("UPDATE handoff_events SET resolved_at_ms = ?, resolved_by = 'operator' "
                                 "WHERE conversation_id = ? AND resolved_at_ms IS NULL"));
        q.addBindValue(atMs);
        q.addBindValue(target);
        exec(q);
        q.prepare(QStringLiteral(
            "UPDATE conversations SET status = 'bot', open_handoff_reason = NULL WHERE id = ?"));
        q.addBindValue(target);
        exec(q);
        q.prepare(QStringLiteral("COMMIT"));
        exec(q);
        refreshCounts(); // a status changed: the totals moved
        refreshList();
    });
}

} // namespace zapito::bench
