// SPDX-License-Identifier: Apache-2.0
#include "telegramchannel.h"

#include "channelstate.h"
#include "inboundsequence.h"
#include "messageparts.h"
#include "telegramupdate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcTelegram, "zapito.channels.telegram")

namespace zapito {

namespace {

constexpr int kSendDeadlineMs = 20'000;
// Both APIs refuse a text message over 4096 characters; longer answers go in parts.
constexpr qsizetype kMaxTextLength = 4096;
// Beyond the long-poll timeout itself, how long an answer may take to arrive.
constexpr int kPollGraceMs = 15'000;

QString describeTelegramError(const HttpResult& result)
{
    const QJsonObject o = QJsonDocument::fromJson(result.body).object();
    const QString description = o.value(QStringLiteral("description")).toString();
    return description.isEmpty() ? result.describe() : description;
}

} // namespace

TelegramChannel::TelegramChannel(ChannelState& state, QObject* parent)
    : ChannelConnector(parent)
    , m_state(state)
    , m_http(HttpClient::forCurrentThread())
{
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &TelegramChannel::poll);
}

TelegramChannel::~TelegramChannel()
{
    stop();
}

bool TelegramChannel::isConnected() const
{
    // Sending works while polling has trouble (a 409 or 429 says nothing about sendMessage);
    // only a refused token or no configuration means the operator cannot reach anyone.
    return m_running && !m_tokenRefused;
}

void TelegramChannel::setBackoff(int minimumMs, int maximumMs, int secondMs)
{
    m_backoffMinMs = minimumMs;
    m_backoffMaxMs = maximumMs;
    m_secondMs = secondMs;
}

void TelegramChannel::configure(const TelegramConfig& config)
{
    stop();
    m_config = config;
    if (!m_config.enabled) {
        setStatus(ConnectorStatus::State::Off, tr("Telegram is switched off."));
        return;
    }
    if (!m_config.isUsable()) {
        setStatus(ConnectorStatus::State::Off, tr("Telegram needs a bot token (from @BotFather)."));
        return;
    }
    m_running = true;
    m_tokenRefused = false;
    m_failures = 0;
    m_offset = m_state.value(QLatin1String(kOffsetKey), QStringLiteral("0")).toLongLong();
    m_identified = false;
    setStatus(ConnectorStatus::State::Connecting, tr("Connecting to Telegram…"));
    identify();
    poll();
}

void TelegramChannel::stop()
{
    m_running = false;
    ++m_generation; // what is still under way for the old configuration is ignored
    m_next.stop();
    m_identifying = false;
    if (m_poll)
        m_http.cancel(m_poll);
    m_poll = 0;
}

void TelegramChannel::identify()
{
    if (m_identified || m_identifying || !m_running)
        return;
    m_identifying = true;
    HttpRequest request;
    request.url = methodUrl(QStringLiteral("getMe"));
    request.deadline = std::chrono::milliseconds(kSendDeadlineMs);
    const int generation = m_generation;
    m_http.send(std::move(request), this, [this, generation](const HttpResult& result) {
        if (generation != m_generation)
            return;
        m_identifying = false;
        const QJsonObject me =
            QJsonDocument::fromJson(result.body).object().value(QStringLiteral("result")).toObject();
        QString name = me.value(QStringLiteral("first_name")).toString().simplified();
        if (name.isEmpty())
            name = me.value(QStringLiteral("username")).toString().simplified();
        if (!result.isSuccess() || name.isEmpty()) {
            // Asked again after the next poll that Telegram answers.
            qCInfo(lcTelegram) << "getMe failed:" << describeTelegramError(result);
            return;
        }
        m_identified = true;
        emit botIdentified(name);
    });
}

QUrl TelegramChannel::methodUrl(const QString& method) const
{
    QString base = m_config.apiBase.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    return QUrl(base + QStringLiteral("/bot") + m_config.botToken + u'/' + method);
}

void TelegramChannel::poll()
{
    if (!m_running)
        return;
    QUrl url = methodUrl(QStringLiteral("getUpdates"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("timeout"), QString::number(m_config.pollTimeoutSeconds));
    if (m_offset > 0)
        query.addQueryItem(QStringLiteral("offset"), QString::number(m_offset));
    query.addQueryItem(QStringLiteral("allowed_updates"), QStringLiteral("[\"message\"]"));
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    // The server is silent for the whole long poll, so no byte moves for that long either.
    request.deadline = std::chrono::milliseconds(m_config.pollTimeoutSeconds * 1000 + kPollGraceMs);
    const int generation = m_generation;
    m_poll = m_http.send(std::move(request), this, [this, generation](const HttpResult& result) {
        if (generation == m_generation)
            onPolled(result);
    });
}

void TelegramChannel::retryLater(int delayMs, ConnectorStatus::State state, const QString& text)
{
    setStatus(state, text);
    m_next.start(delayMs);
}

void TelegramChannel::onPolled(const HttpResult& result)
{
    m_poll = 0;
    if (result.canceled() || !m_running)
        return;

    const int backoff = nextBackoffMs();
    const QString again = tr("trying again in %1 s").arg(qMax(1, backoff / 1000));
    if (result.status == 401 || result.status == 404) {
        // Telegram answers 404 for a token of the wrong shape and 401 for an unknown one.
        ++m_failures;
        m_tokenRefused = true;
        retryLater(m_backoffMaxMs, ConnectorStatus::State::Problem,
                   tr("Telegram refused the bot token (HTTP %1). Check it under Settings → Channels.")
                       .arg(result.status));
        return;
    }
    m_tokenRefused = false;
    if (result.status == 409) {
        ++m_failures;
        retryLater(backoff, ConnectorStatus::State::Problem,
                   tr("Telegram will not deliver updates by polling while a webhook is set for this bot, "
                      "or while another program polls with the same token (HTTP 409). Remove the webhook "
                      "(deleteWebhook) or stop the other program; %1.")
                       .arg(again));
        return;
    }
    if (result.status == 429) {
        const QJsonObject o = QJsonDocument::fromJson(result.body).object();
        const int seconds = qMax(
            1,
            o.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("retry_after")).toInt(5));
        retryLater(seconds * m_secondMs, ConnectorStatus::State::Problem,
                   tr("Telegram asks to slow down (HTTP 429); polling again in %1 s.").arg(seconds));
        return;
    }
    if (!result.isSuccess()) {
        ++m_failures;
        const QString why = result.status > 0 ? describeTelegramError(result) : result.describe();
        qCInfo(lcTelegram) << "getUpdates failed:" << why;
        retryLater(backoff, ConnectorStatus::State::Problem,
                   tr("Cannot reach Telegram (%1); %2.").arg(why, again));
        return;
    }
    const std::optional<QList<TelegramUpdate>> updates = parseTelegramUpdates(result.body);
    if (!updates) {
        ++m_failures;
        retryLater(backoff, ConnectorStatus::State::Problem,
                   tr("Telegram sent an answer that could not be read; %1.").arg(again));
        return;
    }

    m_failures = 0;
    setStatus(ConnectorStatus::State::Connected, tr("Connected; receiving messages."));
    identify(); // when the first getMe did not get through
    QList<Update> batch;
    for (const TelegramUpdate& update : *updates) {
        if (update.id >= m_offset) // else one we already have
            batch.append(update);
    }
    commitInOrder(batch);
}

void TelegramChannel::commitInOrder(const QList<Update>& updates)
{
    QPointer<TelegramChannel> self(this);
    const int generation = m_generation;
    auto current = [self, generation] { return self && self->m_running && self->m_generation == generation; };
    InboundSequence::run(
        updates.size(),
        [self, current, updates](qsizetype index, const Committed& committed) {
            if (!current())
                return; // stopped or reconfigured: this batch is polled again
            const Update& update = updates.at(index);
            if (!update.message) { // not a customer message (an edit, a channel post …): nothing to keep
                self->moveOffsetPast(update.id);
                committed(Status::ok());
                return;
            }
            self->handOver(*update.message, [self, current, id = update.id, committed](const Status& status) {
                if (!current())
                    return;
                if (status)
                    self->moveOffsetPast(id);
                committed(status);
            });
        },
        [self, current](qsizetype, const Status& status) {
            if (current())
                self->onBatchCommitted(status);
        });
}

void TelegramChannel::onBatchCommitted(const Status& status)
{
    if (status) {
        m_next.start(0);
        return;
    }
    // The offset still points at the update that was not stored, so the next poll asks for it
    // again; backing off gives a locked or full database time to recover.
    const int backoff = nextBackoffMs();
    ++m_failures;
    qCWarning(lcTelegram).noquote() << "a message was not stored, polling that update again:"
                                    << status.error();
    retryLater(backoff, ConnectorStatus::State::Problem,
               tr("A Telegram message could not be stored (%1); trying again in %2 s.")
                   .arg(status.error())
                   .arg(qMax(1, backoff / 1000)));
}

void TelegramChannel::moveOffsetPast(qint64 updateId)
{
    if (updateId < m_offset)
        return;
    m_offset = updateId + 1;
    // Kept in memory even when it cannot be stored: the message is committed, and should the
    // app restart first, its Telegram id keeps the repeat from being stored twice.
    if (const Status saved = m_state.setValue(QLatin1String(kOffsetKey), QString::number(m_offset)); !saved)
        qCWarning(lcTelegram) << "cannot store the update offset:" << saved.error();
}

int TelegramChannel::nextBackoffMs() const
{
    return std::min(m_backoffMaxMs, m_backoffMinMs << std::min(m_failures, 16));
}

std::optional<CustomerMessage> TelegramChannel::customerMessageFrom(const QJsonObject& message)
{
    return telegramCustomerMessage(message);
}

void TelegramChannel::send(const QString& externalId, const QString& text, Done done)
{
    QPointer<TelegramChannel> self(this);
    sendInOrder(
        splitMessage(text, kMaxTextLength),
        [self, externalId](const QString& part, Done partDone) {
            if (self)
                self->sendPart(externalId, part, std::move(partDone));
        },
        std::move(done));
}

void TelegramChannel::sendPart(const QString& externalId, const QString& text, Done done)
{
    if (!m_config.isUsable()) {
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done({false, tr("Telegram is not configured.")});
            },
            Qt::QueuedConnection);
        return;
    }
    const QJsonObject body{{QStringLiteral("chat_id"), externalId}, {QStringLiteral("text"), text}};
    HttpRequest request;
    request.verb = "POST";
    request.url = methodUrl(QStringLiteral("sendMessage"));
    request.header("Content-Type", "application/json");
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.deadline = std::chrono::milliseconds(kSendDeadlineMs);
    // No context: the caller's `done` is owed an answer even when this channel goes first.
    m_http.send(std::move(request), nullptr, [done = std::move(done)](const HttpResult& result) {
        if (result.isSuccess()) {
            done({true, {}});
            return;
        }
        const QString why = describeTelegramError(result);
        qCInfo(lcTelegram) << "sendMessage failed:" << why;
        done({false, tr("Telegram did not take the message: %1").arg(why)});
    });
}

} // namespace zapito
