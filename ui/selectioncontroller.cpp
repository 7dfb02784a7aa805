// SPDX-License-Identifier: Apache-2.0
#include "selectioncontroller.h"

#include "conversationlistmodel.h"
#include "conversationstore.h"
#include "inboxroles.h"
#include "storewriter.h"
#include "transcriptmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QItemSelectionModel>
#include <QTimer>

namespace zapito {

namespace {
// No delay: the transcript's reads run off the GUI thread and a newer selection supersedes an
// older read still queued, so arrowing through the list costs nothing to wait out. (The delay
// once hid a synchronous load; measured now, it only added its own length to every open.)
constexpr int kDefaultLoadDelayMs = 0;
} // namespace

SelectionController::SelectionController(QAbstractItemView& list, ConversationListModel& listModel,
                                         ConversationStore& store, TranscriptModel& transcript,
                                         QObject* parent)
    : QObject(parent)
    , m_list(list)
    , m_listModel(listModel)
    , m_store(store)
    , m_transcript(transcript)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kDefaultLoadDelayMs);
    connect(m_timer, &QTimer::timeout, this, [this] { load(m_pendingGeneration, m_pending); });
    connect(m_list.selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SelectionController::onCurrentChanged);
    connect(&m_listModel, &QAbstractItemModel::modelReset, this, &SelectionController::restoreSelection);
    connect(&m_listModel, &ConversationListModel::pageLoaded, this, [this] {
        if (m_waitingForListing.isEmpty())
            return;
        const QString id = std::exchange(m_waitingForListing, QString());
        if (!select(id))
            load(++m_generation, id);
    });
    connect(&m_store, &ConversationStore::messageAdded, this,
            [this](const QString& id, qint64) { onMessageAdded(id); });
}

void SelectionController::setLoadDelay(int ms)
{
    m_timer->setInterval(ms);
}

bool SelectionController::select(const QString& conversationId)
{
    const int row = m_listModel.rowOf(conversationId);
    if (row < 0)
        return false;
    m_list.setCurrentIndex(m_listModel.index(row));
    m_list.scrollTo(m_listModel.index(row));
    return true;
}

void SelectionController::selectWhenListed(const QString& conversationId)
{
    if (!m_listModel.isLoading()) {
        if (!select(conversationId))
            load(++m_generation, conversationId);
        return;
    }
    m_waitingForListing = conversationId;
}

void SelectionController::closeConversation()
{
    m_timer->stop();
    load(++m_generation, QString());
}

void SelectionController::onCurrentChanged()
{
    const QModelIndex current = m_list.currentIndex();
    const QString id = current.isValid() ? current.data(ConversationRoles::IdRole).toString() : QString();
    if (id.isEmpty() && m_listModel.rowCount() > 0)
        return; // a reset cleared the selection; restoreSelection() decides
    if (id == m_shown && !m_timer->isActive())
        return;
    if (m_timer->isActive() && m_pending != id)
        emit staleLoadDropped(m_pending);
    m_pending = id;
    m_pendingGeneration = ++m_generation;
    if (m_timer->interval() == 0)
        load(m_pendingGeneration, m_pending);
    else
        m_timer->start();
}

void SelectionController::load(quint64 generation, const QString& conversationId)
{
    // Only the newest request may load; anything older lost its reason to exist.
    if (generation != m_generation) {
        emit staleLoadDropped(conversationId);
        return;
    }
    m_shown = conversationId;
    m_transcript.setConversation(conversationId);
    if (!conversationId.isEmpty())
        markRead(conversationId); // a failure here only leaves the unread count
    emit conversationOpened(conversationId);
}

void SelectionController::restoreSelection()
{
    const bool filterChanged =
        m_listModel.filter().search != m_listedSearch || int(m_listModel.filter().view) != m_listedView;
    m_listedSearch = m_listModel.filter().search;
    m_listedView = int(m_listModel.filter().view);
    if (m_shown.isEmpty())
        return;
    const int row = m_listModel.rowOf(m_shown);
    if (row < 0) {
        // A conversation the new search or view does not list is not kept on screen beside a
        // list that says otherwise; one asked for by selectWhenListed() gets its own turn.
        if (!filterChanged || !m_waitingForListing.isEmpty())
            return;
        // Not on the first page is not yet "not listed": a later page may hold it.
        const QString shown = m_shown;
        const quint64 generation = m_generation;
        m_listModel.askListed(shown, this, [this, shown, generation](bool listed) {
            if (!listed && shown == m_shown && generation == m_generation)
                closeConversation();
        });
        return;
    }
    // Same id as shown, so onCurrentChanged() will not reload it.
    m_list.selectionModel()->setCurrentIndex(m_listModel.index(row), QItemSelectionModel::ClearAndSelect);
}

void SelectionController::onMessageAdded(const QString& conversationId)
{
    // The operator is looking at it: a customer message there is read as it arrives.
    if (conversationId == m_shown && m_list.window()->isActiveWindow())
        QTimer::singleShot(0, this, [this, conversationId] {
            if (conversationId == m_shown)
                markRead(conversationId);
        });
}

void SelectionController::markRead(const QString& conversationId)
{
    m_store.writer().write<Status>(
        nullptr, [conversationId](StoreWriter::Context& c) { return c.store.markRead(conversationId); }, {});
}

} // namespace zapito
