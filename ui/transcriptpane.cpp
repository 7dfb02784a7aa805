// SPDX-License-Identifier: Apache-2.0
#include "transcriptpane.h"

#include "channelregistry.h"
#include "contacttitle.h"
#include "conversationengine.h"
#include "conversationstore.h"
#include "emptystate.h"
#include "messageparts.h"
#include "presencelabel.h"
#include "replybox.h"
#include "storequeries.h"
#include "storereader.h"
#include "storewriter.h"
#include "transcriptmodel.h"
#include "transcripttext.h"
#include "transcriptview.h"
#include "uistyle.h"
#include "untrustedtext.h"

#include "operatorname.h"
#include <QAction>
#include <QDateTime>
#include <QFrame>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace zapito {

namespace {
QFrame* hairline(QWidget* parent)
{
    auto* line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    QPalette pal = line->palette();
    pal.setColor(QPalette::WindowText,
                 ui::blend(pal.color(QPalette::Window), pal.color(QPalette::WindowText), 0.15));
    line->setPalette(pal);
    return line;
}
} // namespace

TranscriptPane::TranscriptPane(ConversationStore& store, ConversationEngine& engine,
                               ChannelRegistry& channels, TranscriptModel& model, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_engine(engine)
    , m_channels(channels)
    , m_model(model)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(this))
    , m_content(new QWidget(this))
    , m_title(ui::plainLabel(QString(), this, true))
    , m_subtitle(ui::plainLabel(QString(), this, true))
    , m_resolveButton(new QPushButton(ui::resourceIcon(QStringLiteral("resolve")), tr("Mark resolved"), this))
    , m_resolveAction(new QAction(ui::resourceIcon(QStringLiteral("resolve")), tr("Mark &resolved"), this))
    , m_assignButton(new QPushButton(tr("Assign to me"), this))
    , m_assignAction(new QAction(tr("&Assign to me"), this))
    , m_reopenButton(new QPushButton(tr("Reopen"), this))
    , m_reopenAction(new QAction(tr("Re&open"), this))
    , m_view(new TranscriptView(model, this))
    , m_presence(new PresenceLabel(this))
    , m_reply(new ReplyBox(this))
{
    setObjectName(QStringLiteral("transcriptPane"));
    m_title->setObjectName(QStringLiteral("transcriptTitle"));
    m_subtitle->setObjectName(QStringLiteral("transcriptSubtitle"));
    m_resolveButton->setObjectName(QStringLiteral("resolveButton"));
    m_resolveAction->setObjectName(QStringLiteral("resolveAction"));
    m_resolveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_resolveAction->setToolTip(tr("Close the handoff and let the bot answer again (Ctrl+R)"));
    m_resolveButton->setToolTip(m_resolveAction->toolTip());
    m_resolveAction->setEnabled(false);
    addAction(m_resolveAction);
    connect(m_resolveAction, &QAction::triggered, this, &TranscriptPane::resolve);
    connect(m_resolveButton, &QPushButton::clicked, m_resolveAction, &QAction::trigger);
    m_assignButton->setObjectName(QStringLiteral("assignButton"));
    m_assignAction->setObjectName(QStringLiteral("assignToMeAction"));
    m_assignAction->setToolTip(tr("Make this conversation yours: it shows under Mine"));
    m_assignButton->setToolTip(m_assignAction->toolTip());
    m_assignAction->setEnabled(false);
    m_assignButton->hide();
    addAction(m_assignAction);
    connect(m_assignAction, &QAction::triggered, this, &TranscriptPane::assignToMe);
    connect(m_assignButton, &QPushButton::clicked, m_assignAction, &QAction::trigger);
    m_reopenButton->setObjectName(QStringLiteral("reopenButton"));
    m_reopenAction->setObjectName(QStringLiteral("reopenAction"));
    m_reopenAction->setToolTip(
        tr("Hand this conversation back to a human, as it was before it was resolved"));
    m_reopenButton->setToolTip(m_reopenAction->toolTip());
    m_reopenAction->setEnabled(false);
    m_reopenButton->hide();
    addAction(m_reopenAction);
    connect(m_reopenAction, &QAction::triggered, this, &TranscriptPane::reopen);
    connect(m_reopenButton, &QPushButton::clicked, m_reopenAction, &QAction::trigger);

    // Right-to-left names stay at the left edge, beside the subtitle, not under the button.
    m_title->setAlignment(Qt::AlignLeft | Qt::AlignAbsolute | Qt::AlignVCenter);
    m_subtitle->setAlignment(Qt::AlignLeft | Qt::AlignAbsolute | Qt::AlignVCenter);
    // In a narrow pane the channel, the number and the state wrap instead of running under
    // the Mark resolved button.
    m_subtitle->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    QPalette muted = m_subtitle->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
    m_subtitle->setPalette(muted);

    // The buttons beside the name; the subtitle under both, so in a narrow pane it wraps over
    // the whole width instead of into a thin column left of the buttons.
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_assignButton);
    buttons->addWidget(m_reopenButton);
    buttons->addWidget(m_resolveButton);
    auto* header = new QGridLayout;
    header->setContentsMargins(18, 12, 14, 10);
    header->setHorizontalSpacing(12);
    header->setVerticalSpacing(2);
    header->addWidget(m_title, 0, 0);
    header->addLayout(buttons, 0, 1, Qt::AlignRight | Qt::AlignVCenter);
    header->addWidget(m_subtitle, 1, 0, 1, 2);
    header->setColumnStretch(0, 1);

    auto* column = new QVBoxLayout(m_content);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addLayout(header);
    column->addWidget(hairline(m_content));
    column->addWidget(m_view, 1);
    column->addWidget(hairline(m_content));
    column->addWidget(m_presence);
    column->addWidget(m_reply);

    m_empty->setObjectName(QStringLiteral("transcriptEmptyState"));
    setInboxEmpty(false);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(&m_store, &ConversationStore::conversationChanged, this, [this](const QString& id) {
        if (id == m_conversationId)
            refreshHeader();
    });
    connect(m_reply, &ReplyBox::sendRequested, this, &TranscriptPane::sendReply);
    connect(m_reply, &ReplyBox::noteRequested, this, &TranscriptPane::addNote);
    connect(m_reply, &ReplyBox::edited, this, &TranscriptPane::replyEdited);
    m_view->setRetryAvailable(true);
    connect(m_view, &TranscriptView::retryRequested, this, &TranscriptPane::retrySend);
    connect(m_reply, &ReplyBox::connectChannelRequested, this, &TranscriptPane::connectChannelRequested);
    connect(m_view, &TranscriptView::resendRequested, this, [this](qint64 eventId) {
        // What the dispatcher says it does (sends now, is already sending, refuses a sample…),
        // never a fixed "sending" that may not be true.
        if (m_resend)
            emit statusMessage(m_resend(eventId));
    });
    showConversation(QString());
}

void TranscriptPane::setResendHandler(std::function<QString(qint64)> resend)
{
    m_resend = std::move(resend);
    m_view->setResendAvailable(bool(m_resend));
}

void TranscriptPane::showConversation(const QString& conversationId)
{
    if (conversationId == m_conversationId && !conversationId.isEmpty()) {
        refreshHeader();
        return;
    }
    if (!m_conversationId.isEmpty()) {
        if (m_reply->text().trimmed().isEmpty())
            m_drafts.remove(m_conversationId);
        else
            m_drafts.insert(m_conversationId, m_reply->text());
    }
    m_conversationId = conversationId;
    m_reply->setSending(false); // a write still under way answers the conversation it was for
    m_stack->setCurrentWidget(conversationId.isEmpty() ? static_cast<QWidget*>(m_empty) : m_content);
    m_reply->clearText();
    m_reply->setText(m_drafts.take(conversationId));
    m_presence->setEntries(m_others.of(conversationId));
    refreshHeader();
}

void TranscriptPane::setPresence(const Presence& others)
{
    m_others = others;
    m_presence->setEntries(m_others.of(m_conversationId));
}

void TranscriptPane::refreshHeader()
{
    if (m_conversationId.isEmpty()) {
        m_resolveAction->setEnabled(false);
        m_assignAction->setEnabled(false);
        m_reopenAction->setEnabled(false);
        return;
    }
    // Read off the GUI thread like every read (on PostgreSQL it is a round trip); the header
    // keeps what it showed until the answer, and an answer for another conversation is dropped.
    const QString id = m_conversationId;
    m_store.reader().read<Expected<Conversation>>(
        this, QStringLiteral("transcript-header"),
        [id](const QSqlDatabase& db) { return StoreQueries::conversation(db, id); },
        [this, id](const Expected<Conversation>& conversation) {
            if (id == m_conversationId)
                showHeader(conversation);
        });
}

void TranscriptPane::showHeader(const Expected<Conversation>& conversation)
{
    if (!conversation) {
        m_title->setText(tr("This conversation could not be read"));
        m_subtitle->setText(conversation.error());
        m_resolveAction->setEnabled(false);
        m_resolveButton->hide();
        m_assignAction->setEnabled(false);
        m_assignButton->hide();
        m_reopenAction->setEnabled(false);
        m_reopenButton->hide();
        return;
    }
    const QString title = contactTitle(*conversation);
    m_title->setText(title);
    QStringList parts{channelDisplayName(conversation->channel)};
    const QString handle = formatPhoneNumber(conversation->externalId);
    if (!conversation->contactName.isEmpty() && conversation->channel == QLatin1String("whatsapp"))
        parts << isolated(handle);
    const bool waiting = conversation->status != ConversationStatus::Bot;
    if (conversation->status == ConversationStatus::Handoff)
        parts << tr("Needs a human: %1")
                     .arg(
                         handoffReasonText(conversation->openHandoffReason.value_or(HandoffReason::Handoff)));
    else if (conversation->status == ConversationStatus::Operator)
        parts << tr("An operator took over; the bot is silent");
    else if (isResolved(*conversation))
        parts << TranscriptText::resolvedLine(*conversation->resolvedAtMs, conversation->resolvedBy,
                                              QDateTime::currentMSecsSinceEpoch());
    else
        parts << tr("The bot is answering");
    const QString me = systemOperatorName();
    const bool mine = conversation->assignee == me;
    if (mine)
        parts << tr("Assigned to you");
    else if (!conversation->assignee.isEmpty())
        parts << tr("Assigned to %1").arg(isolated(conversation->assignee));
    m_assignAction->setEnabled(!mine);
    m_assignButton->setVisible(!mine && !isResolved(*conversation));
    m_reopenAction->setEnabled(isResolved(*conversation));
    m_reopenButton->setVisible(isResolved(*conversation));
    m_subtitle->setText(parts.join(QStringLiteral("  ·  ")));
    // Not twice while the first is still being written.
    m_resolveAction->setEnabled(waiting && !m_resolving.contains(m_conversationId));
    m_resolveButton->setVisible(waiting);
    m_resolveButton->setText(conversation->status == ConversationStatus::Operator ? tr("Give back to the bot")
                                                                                  : tr("Mark resolved"));
    m_view->setNames(title, m_engine.bot().name);
    m_reply->setTarget(channelDisplayName(conversation->channel), title,
                       m_channelsElsewhere || m_channels.isConnected(conversation->channel));
    m_view->setSampleConversation(conversation->isSample);
    if (conversation->isSample)
        m_reply->setUnavailable(TranscriptText::sampleReplyToolTip());
    m_reply->setLengthLimit(channelTextLimit(conversation->channel));
}

void TranscriptPane::refreshChannelState()
{
    refreshHeader();
}

void TranscriptPane::setChannelsElsewhere(bool elsewhere)
{
    m_channelsElsewhere = elsewhere;
    refreshHeader();
}

void TranscriptPane::setInboxEmpty(bool empty)
{
    if (empty)
        m_empty->setContent(
            ui::resourceIcon(QStringLiteral("conversation")), tr("Transcripts show here"),
            tr("Load the sample conversations to try handoffs, the webhook and Mark resolved, "
               "or connect a channel so customers can reach your bot."));
    else
        m_empty->setContent(ui::resourceIcon(QStringLiteral("conversation")), tr("No conversation selected"),
                            tr("Pick a conversation on the left to read it and reply. Use ↑ and ↓ to move "
                               "through the list, Ctrl+2 for the ones that need a human."));
}

void TranscriptPane::focusReply()
{
    m_reply->focusEditor();
}

void TranscriptPane::resolve()
{
    if (m_conversationId.isEmpty() || !m_resolveAction->isEnabled())
        return;
    const QString id = m_conversationId;
    const QString title = m_title->text();
    m_resolving.insert(id);
    m_resolveAction->setEnabled(false);
    m_engine.resolve(id, systemOperatorName(), this, [this, id, title](const Status& done) {
        m_resolving.remove(id);
        if (!done) {
            // Another seat may have been first: "Already resolved by …".
            emit statusMessage(done.error());
            refreshHeader();
            return;
        }
        emit statusMessage(tr("Resolved. The bot answers this customer again."));
        emit resolved(id, title);
    });
}

void TranscriptPane::reopen()
{
    if (m_conversationId.isEmpty() || !m_reopenAction->isEnabled())
        return;
    const QString id = m_conversationId;
    m_store.writer().write<Status>(
        this, [id](StoreWriter::Context& c) { return c.store.reopen(id); },
        [this](const Status& reopened) {
            emit statusMessage(reopened ? tr("Reopened. The bot is silent again.") : reopened.error());
        });
}

void TranscriptPane::assignToMe()
{
    if (m_conversationId.isEmpty() || !m_assignAction->isEnabled())
        return;
    const QString id = m_conversationId;
    const QString me = systemOperatorName();
    m_store.writer().write<Status>(
        this, [id, me](StoreWriter::Context& c) { return c.store.assign(id, me); },
        [this](const Status& assigned) {
            if (!assigned)
                emit statusMessage(assigned.error());
        });
}

void TranscriptPane::sendReply(const QString& text)
{
    startWrite(text, [this](const QString& id, const QString& text, ConversationEngine::Done done) {
        m_engine.replyAsOperator(id, text, systemOperatorName(), this, std::move(done));
    });
}

void TranscriptPane::addNote(const QString& text)
{
    startWrite(text, [this](const QString& id, const QString& text, ConversationEngine::Done done) {
        m_engine.addNote(id, text, systemOperatorName(), this, std::move(done));
    });
}

void TranscriptPane::startWrite(
    const QString& text,
    const std::function<void(const QString&, const QString&, std::function<void(Status)>)>& write)
{
    const QString id = m_conversationId;
    m_reply->setSending(true);
    write(id, text, [this, id, text](const Status& written) {
        if (id != m_conversationId) {
            // The operator looked elsewhere meanwhile: the box's text was kept as this
            // conversation's draft; a written one is no draft any more.
            if (written && m_drafts.value(id) == text)
                m_drafts.remove(id);
            return;
        }
        m_reply->setSending(false);
        if (!written) {
            m_reply->showError(written.error()); // what was typed stays in the box
            return;
        }
        m_reply->showError(QString());
        m_reply->clearText();
        emit replyEdited(true); // written: nobody is typing it any more
    });
}

void TranscriptPane::retrySend(qint64 messageId)
{
    m_engine.retrySend(messageId, this, [this](const Status& queued) {
        emit statusMessage(queued ? tr("Sending again…") : queued.error());
    });
}

} // namespace zapito
