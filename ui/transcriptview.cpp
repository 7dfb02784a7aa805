// SPDX-License-Identifier: Apache-2.0
#include "transcriptview.h"

#include "handoffcard.h"
#include "inboxroles.h"
#include "messagebubble.h"
#include "transcriptmodel.h"
#include "uistyle.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

namespace zapito {

namespace {
// Layout items before the first message row: a stretch (short transcripts sit at the bottom,
// as in every chat app) and the "earlier messages" hint.
constexpr int kLeadingItems = 2;
constexpr int kFetchOlderWithinPx = 150;
} // namespace

TranscriptView::TranscriptView(TranscriptModel& model, QWidget* parent)
    : QScrollArea(parent)
    , m_model(model)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_content(new QWidget)
    , m_layout(new QVBoxLayout(m_content))
    , m_olderHint(ui::plainLabel(tr("Scroll up for earlier messages"), m_content))
{
    setObjectName(QStringLiteral("transcriptView"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content->setObjectName(QStringLiteral("transcriptContent"));
    m_content->setAutoFillBackground(false);
    m_layout->setContentsMargins(18, 12, 18, 16);
    m_layout->setSpacing(8);
    m_layout->addStretch(1);
    m_olderHint->setAlignment(Qt::AlignCenter);
    QPalette muted = m_olderHint->palette();
    muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
    m_olderHint->setPalette(muted);
    m_layout->addWidget(m_olderHint);
    setWidget(m_content);
    viewport()->setAutoFillBackground(true);
    viewport()->setBackgroundRole(QPalette::Base);

    connect(&m_model, &QAbstractItemModel::modelReset, this, &TranscriptView::rebuild);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { insertRows(first, last); });
    connect(&m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) { updateRows(from.row(), to.row()); });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &TranscriptView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TranscriptView::onValueChanged);
    rebuild();
}

void TranscriptView::setNames(const QString& customer, const QString& bot)
{
    if (customer == m_customerName && bot == m_botName)
        return;
    m_customerName = customer;
    m_botName = bot;
    rebuild(); // the bubbles carry the names
}

void TranscriptView::setResendAvailable(bool available)
{
    m_resendAvailable = available;
    for (Row& row : m_rows)
        if (row.card)
            row.card->setResendAvailable(available);
}

MessageBubble* TranscriptView::bubbleAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).bubble : nullptr;
}

HandoffCard* TranscriptView::handoffCardAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).card : nullptr;
}

void TranscriptView::rebuild()
{
    for (const Row& row : std::as_const(m_rows))
        delete row.container;
    m_rows.clear();
    m_distanceFromBottom = 0;
    m_keepBottomAnchor = false;
    if (m_model.rowCount() > 0)
        insertRows(0, m_model.rowCount() - 1);
    updateOlderHint();
}

void TranscriptView::insertRows(int first, int last)
{
    m_content->setUpdatesEnabled(false);
    for (int row = first; row <= last; ++row) {
        Row widgets = createRow(row);
        m_layout->insertWidget(kLeadingItems + row, widgets.container);
        widgets.container->show(); // now, not on the next event loop turn as the layout would
        m_rows.insert(row, widgets);
    }
    // The row after an older page may have lost its separator's reason, or gained one.
    for (int row = first; row <= last + 1 && row < m_rows.size(); ++row)
        updateDaySeparator(row);
    m_content->setUpdatesEnabled(true);
    fitBubbles();
    updateOlderHint();
}

void TranscriptView::updateDaySeparator(int row)
{
    const auto dayOf = [this](int r) {
        return QDateTime::fromMSecsSinceEpoch(m_model.index(r).data(TranscriptRoles::AtMsRole).toLongLong())
            .toLocalTime()
            .date();
    };
    const QDate day = dayOf(row);
    const bool show = row == 0 || dayOf(row - 1) != day;
    Row& widgets = m_rows[row];
    if (!show) {
        if (widgets.day)
            widgets.day->hide();
        return;
    }
    if (!widgets.day) {
        widgets.day = ui::plainLabel(QString(), widgets.container);
        widgets.day->setObjectName(QStringLiteral("daySeparator"));
        widgets.day->setAlignment(Qt::AlignCenter);
        QFont small = widgets.day->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        small.setBold(true);
        widgets.day->setFont(small);
        QPalette muted = widgets.day->palette();
        muted.setColor(QPalette::WindowText, ui::mutedText(palette()));
        widgets.day->setPalette(muted);
        static_cast<QVBoxLayout*>(widgets.container->layout())->insertWidget(0, widgets.day);
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock()).toLocalTime().date();
    widgets.day->setText(day == today               ? tr("Today")
                         : day == today.addDays(-1) ? tr("Yesterday")
                                                    : QLocale().toString(day, QLocale::LongFormat));
    widgets.day->show();
}

void TranscriptView::updateRows(int first, int last)
{
    for (int row = first; row <= last && row < m_rows.size(); ++row)
        updateCard(m_rows[row], row);
}

TranscriptView::Row TranscriptView::createRow(int modelRow)
{
    const QModelIndex index = m_model.index(modelRow);
    const auto role = index.data(TranscriptRoles::RoleRole).value<MessageRole>();
    QString sender;
    switch (role) {
    case MessageRole::User:
        sender = m_customerName.isEmpty() ? tr("Customer") : m_customerName;
        break;
    case MessageRole::Assistant:
        sender = m_botName.isEmpty() ? tr("Bot") : m_botName;
        break;
    case MessageRole::Operator: {
        const QString author = index.data(TranscriptRoles::AuthorRole).toString();
        sender = author.isEmpty() ? tr("Operator") : author;
        break;
    }
    }
    Row row;
    row.container = new QWidget(m_content);
    auto* column = new QVBoxLayout(row.container);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(8);
    row.bubble = new MessageBubble(
        role, sender, index.data(TranscriptRoles::ContentRole).toString(),
        ui::clockTime(index.data(TranscriptRoles::AtMsRole).toLongLong()) /* the day is above */,
        row.container);
    auto* line = new QHBoxLayout;
    line->setContentsMargins(0, 0, 0, 0);
    if (role != MessageRole::User)
        line->addStretch(1);
    line->addWidget(row.bubble);
    if (role == MessageRole::User)
        line->addStretch(1);
    column->addLayout(line);
    updateCard(row, modelRow);
    return row;
}

void TranscriptView::updateCard(Row& row, int modelRow)
{
    const QModelIndex index = m_model.index(modelRow);
    const qint64 eventId = index.data(TranscriptRoles::HandoffEventIdRole).toLongLong();
    if (eventId == 0) {
        delete row.card;
        row.card = nullptr;
        return;
    }
    if (!row.card) {
        row.card = new HandoffCard(row.container);
        row.container->layout()->addWidget(row.card);
        row.card->show();
        connect(row.card, &HandoffCard::resendRequested, this, &TranscriptView::resendRequested);
        connect(row.card, &HandoffCard::attemptsRequested, this, [this, card = row.card](qint64 id) {
            auto attempts = m_model.deliveryAttempts(id);
            if (attempts)
                card->showAttempts(*attempts, m_clock());
            else
                card->showAttemptsError(attempts.error());
        });
    }
    HandoffCard::State state;
    state.eventId = eventId;
    state.reason = index.data(TranscriptRoles::HandoffReasonRole).value<HandoffReason>();
    state.outcome = index.data(TranscriptRoles::DeliveryOutcomeRole).value<DeliveryOutcome>();
    state.attempts = index.data(TranscriptRoles::DeliveryAttemptCountRole).toInt();
    state.resolvedAtMs = index.data(TranscriptRoles::HandoffResolvedAtMsRole).toLongLong();
    state.resolvedBy = index.data(TranscriptRoles::HandoffResolvedByRole).toString();
    row.card->setState(state, m_clock());
    row.card->setResendAvailable(m_resendAvailable);
}

void TranscriptView::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    fitBubbles();
}

void TranscriptView::fitBubbles()
{
    const int maxWidth = qMax(220, int(viewport()->width() * 0.72));
    for (const Row& row : std::as_const(m_rows))
        row.bubble->fitTo(maxWidth);
}

void TranscriptView::onRangeChanged(int, int max)
{
    if (m_distanceFromBottom <= 4 || m_keepBottomAnchor) {
        m_adjusting = true;
        verticalScrollBar()->setValue(max - m_distanceFromBottom);
        m_adjusting = false;
    }
    // Not enough to scroll yet, but older messages exist: bring them in.
    if (max == 0 && m_model.canFetchMore({}) && m_model.rowCount() > 0)
        fetchOlder();
}

void TranscriptView::onValueChanged(int value)
{
    if (m_adjusting)
        return;
    m_keepBottomAnchor = false;
    m_distanceFromBottom = verticalScrollBar()->maximum() - value;
    if (value < kFetchOlderWithinPx && m_model.canFetchMore({}))
        fetchOlder();
}

void TranscriptView::fetchOlder()
{
    if (m_fetchQueued)
        return;
    m_fetchQueued = true;
    // Not from inside the scroll bar's own signal: the rows change the range it is reporting.
    QTimer::singleShot(0, this, [this] {
        m_fetchQueued = false;
        if (!m_model.canFetchMore({}))
            return;
        m_distanceFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
        m_keepBottomAnchor = true;
        m_model.fetchMore({});
    });
}

void TranscriptView::updateOlderHint()
{
    m_olderHint->setVisible(m_model.canFetchMore({}));
}

} // namespace zapito
