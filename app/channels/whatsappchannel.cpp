// SPDX-License-Identifier: Apache-2.0
#include "whatsappchannel.h"

#include "httpclient.h"
#include "inboundsequence.h"
#include "messageparts.h"
#include "signature.h"
#include "whatsappevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>

#include <openssl/crypto.h>

Q_LOGGING_CATEGORY(lcWhatsApp, "zapito.channels.whatsapp")

namespace zapito {

namespace {

constexpr int kSendDeadlineMs = 20'000;
// Both APIs refuse a text message over 4096 characters; longer answers go in parts.
constexpr qsizetype kMaxTextLength = 4096;

bool sameSecret(const QByteArray& a, const QByteArray& b)
{
    return !a.isEmpty() && a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), a.size()) == 0;
}

} // namespace

WhatsAppChannel::WhatsAppChannel(QObject* parent)
    : ChannelConnector(parent)
    , m_listener([this](const InboundHttpRequest& request, const HttpListener::Respond& respond) {
        handle(request, respond);
    })
{}

bool WhatsAppChannel::isConnected() const
{
    return m_config.canSend();
}

void WhatsAppChannel::configure(const WhatsAppConfig& config)
{
    stop();
    m_config = config;
    m_listenError.clear();
    m_sendError.clear();
    if (m_config.canReceive()) {
        QHostAddress address;
        if (!address.setAddress(m_config.listenAddress))
            m_listenError = tr("“%1” is not an IP address.").arg(m_config.listenAddress);
        else if (const QString error = m_listener.listen(address, m_config.listenPort); !error.isEmpty())
            m_listenError = tr("Cannot listen on %1:%2 (%3).")
                                .arg(m_config.listenAddress)
                                .arg(m_config.listenPort)
                                .arg(error);
    }
    updateStatus();
}

void WhatsAppChannel::stop()
{
    m_listener.close();
}

void WhatsAppChannel::updateStatus()
{
    if (!m_config.enabled) {
        setStatus(ConnectorStatus::State::Off, tr("WhatsApp is switched off."));
        return;
    }
    if (!m_listenError.isEmpty()) {
        setStatus(ConnectorStatus::State::Problem, m_listenError);
        return;
    }
    if (!m_config.canReceive() || !m_config.canSend()) {
        setStatus(ConnectorStatus::State::Off,
                  tr("WhatsApp needs the phone number id, access token, app secret and verify token."));
        return;
    }
    if (!m_sendError.isEmpty()) {
        setStatus(ConnectorStatus::State::Problem, m_sendError);
        return;
    }
    setStatus(ConnectorStatus::State::Connected,
              tr("Listening on %1:%2 for Meta's webhook; replies go through the Graph API.")
                  .arg(m_config.listenAddress)
                  .arg(m_listener.port()));
}

InboundHttpResponse WhatsAppChannel::verifySubscription(const InboundHttpRequest& request) const
{
    const QUrlQuery query(request.target);
    const QString mode = query.queryItemValue(QStringLiteral("hub.mode"), QUrl::FullyDecoded);
    const QByteArray token =
        query.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded).toUtf8();
    const QString challenge = query.queryItemValue(QStringLiteral("hub.challenge"), QUrl::FullyDecoded);
    if (mode != QLatin1String("subscribe") || !sameSecret(m_config.verifyToken.toUtf8(), token)) {
        qCInfo(lcWhatsApp) << "refused a subscription check with a wrong verify token";
        return {403, "forbidden\n"};
    }
    return {200, challenge.toUtf8()};
}

void WhatsAppChannel::handle(const InboundHttpRequest& request, const HttpListener::Respond& respond)
{
    if (request.method == "GET") {
        respond(verifySubscription(request));
        return;
    }
    if (request.method != "POST") {
        respond({405, "method not allowed\n"});
        return;
    }
    const QByteArray signature = request.headers.value("x-hub-signature-256");
    if (m_config.appSecret.isEmpty() || signature.isEmpty() ||
        !verifySignature(m_config.appSecret.toUtf8(), request.body, signature)) {
        qCInfo(lcWhatsApp) << "refused an event without a valid X-Hub-Signature-256";
        respond({403, "invalid signature\n"});
        return;
    }
    // An event we cannot read, or one of status callbacks only, is acknowledged as it is:
    // Meta would only send it again.
    const QList<CustomerMessage> messages = customerMessagesFrom(request.body);
    QPointer<WhatsAppChannel> self(this);
    InboundSequence::run(
        messages.size(),
        [self, messages](qsizetype index, const Committed& committed) {
            if (self)
                self->handOver(messages.at(index), committed);
        },
        [respond](qsizetype stored, const Status& status) {
            if (status) {
                respond({200, "ok\n"});
                return;
            }
            // Meta retries anything but a 2xx; what was stored already is recognised by its id.
            qCWarning(lcWhatsApp).noquote()
                << "answering 503: message" << stored + 1 << "of the event was not stored:" << status.error();
            respond({503, "not stored, send it again\n"});
        });
}

QList<CustomerMessage> WhatsAppChannel::customerMessagesFrom(const QByteArray& body)
{
    return parseWhatsAppEvent(body);
}

void WhatsAppChannel::send(const QString& externalId, const QString& text, Done done)
{
    QPointer<WhatsAppChannel> self(this);
    sendInOrder(
        splitMessage(text, kMaxTextLength),
        [self, externalId](const QString& part, Done partDone) {
            if (self)
                self->sendPart(externalId, part, std::move(partDone));
        },
        std::move(done));
}

void WhatsAppChannel::sendPart(const QString& externalId, const QString& text, Done done)
{
    if (!m_config.canSend()) {
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done({false, tr("WhatsApp is not configured.")});
            },
            Qt::QueuedConnection);
        return;
    }
    QString base = m_config.graphBase.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    HttpRequest request;
    request.verb = "POST";
    request.url = QUrl(base + u'/' + m_config.phoneNumberId.trimmed() + QStringLiteral("/messages"));
    request.header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + m_config.accessToken.toUtf8());
    request.deadline = std::chrono::milliseconds(kSendDeadlineMs);
    const QJsonObject body{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                           {QStringLiteral("recipient_type"), QStringLiteral("individual")},
                           {QStringLiteral("to"), externalId},
                           {QStringLiteral("type"), QStringLiteral("text")},
                           {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text},
                                                                {QStringLiteral("preview_url"), false}}}};
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QPointer<WhatsAppChannel> self(this);
    // No context: the caller's `done` is owed an answer even when this channel goes first.
    HttpClient::forCurrentThread().send(
        std::move(request), nullptr, [self, done = std::move(done)](const HttpResult& result) {
            if (result.isSuccess()) {
                if (self && !self->m_sendError.isEmpty()) {
                    self->m_sendError.clear();
                    self->updateStatus();
                }
                done({true, {}});
                return;
            }
            const QString message = QJsonDocument::fromJson(result.body)
                                        .object()
                                        .value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString();
            const QString why = message.isEmpty()
                                    ? result.describe()
                                    : QString(result.describe() + QStringLiteral(": ") + message);
            qCInfo(lcWhatsApp) << "sending failed:" << why;
            if (self && (result.status == 401 || result.status == 403)) {
                self->m_sendError = tr("The Graph API refused the access token (%1). Check it under "
                                       "Settings → Channels.")
                                        .arg(result.describe());
                self->updateStatus();
            }
            done({false, tr("WhatsApp did not take the message: %1").arg(why)});
        });
}

} // namespace zapito
