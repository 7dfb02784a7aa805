// SPDX-License-Identifier: Apache-2.0
#include "whatsappchannel.h"

#include "httpclient.h"
#include "inboundplaceholder.h"
#include "inboundsequence.h"
#include "messageparts.h"
#include "signature.h"

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

QString placeholderFor(const QString& type, const QJsonObject& message)
{
    using Kind = InboundPlaceholder::Kind;
    static const QList<QPair<const char*, Kind>> kinds = {
        {"image", Kind::Photo},       {"video", Kind::Video},       {"sticker", Kind::Sticker},
        {"document", Kind::Document}, {"location", Kind::Location}, {"contacts", Kind::Contact},
        {"reaction", Kind::Reaction}, {"text", Kind::EmptyText},
    };
    const QJsonObject content = message.value(type).toObject();
    const QString caption = content.value(QStringLiteral("caption")).toString();
    if (type == QLatin1String("audio"))
        return InboundPlaceholder::text(
            content.value(QStringLiteral("voice")).toBool() ? Kind::VoiceMessage : Kind::Audio, caption);
    if (type == QLatin1String("reaction")) // the emoji is the whole message
        return InboundPlaceholder::text(Kind::Reaction, content.value(QStringLiteral("emoji")).toString());
    for (const auto& [name, kind] : kinds) {
        if (type == QLatin1String(name))
            return InboundPlaceholder::text(kind, caption);
    }
    return InboundPlaceholder::text(Kind::Unsupported, caption);
}

QString textOf(const QJsonObject& message)
{
    const QString type = message.value(QStringLiteral("type")).toString();
    QString text;
    if (type == QLatin1String("text"))
        text = message.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString();
    else if (type == QLatin1String("button"))
        text = message.value(QStringLiteral("button")).toObject().value(QStringLiteral("text")).toString();
    else if (type == QLatin1String("interactive")) {
        const QJsonObject interactive = message.value(QStringLiteral("interactive")).toObject();
        for (const char* kind : {"button_reply", "list_reply"}) {
            text =
                interactive.value(QLatin1String(kind)).toObject().value(QStringLiteral("title")).toString();
            if (!text.isEmpty())
                break;
        }
    }
    // Media, a text without a body and the types to come are stored as a short placeholder
    // (the inbox shows text only), never dropped: the store refuses a message without text.
    return text.isEmpty() ? placeholderFor(type, message) : text;
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
    QList<CustomerMessage> out;
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonArray entries = root.value(QStringLiteral("entry")).toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonArray changes = entry.toObject().value(QStringLiteral("changes")).toArray();
        for (const QJsonValue& change : changes) {
            const QJsonObject value = change.toObject().value(QStringLiteral("value")).toObject();
            QHash<QString, QString> names; // wa_id → profile name
            const QJsonArray contacts = value.value(QStringLiteral("contacts")).toArray();
            for (const QJsonValue& contact : contacts) {
                const QJsonObject c = contact.toObject();
                names.insert(
                    c.value(QStringLiteral("wa_id")).toString(),
                    c.value(QStringLiteral("profile")).toObject().value(QStringLiteral("name")).toString());
            }
            // `statuses` (sent, delivered, read) are not customer messages and are ignored.
            const QJsonArray messages = value.value(QStringLiteral("messages")).toArray();
            for (const QJsonValue& item : messages) {
                const QJsonObject message = item.toObject();
                const QString from = message.value(QStringLiteral("from")).toString();
                if (from.isEmpty())
                    continue;
                CustomerMessage m;
                m.channel = QStringLiteral("whatsapp");
                m.externalId = from;
                m.contactName = names.value(from);
                m.text = textOf(message);
                const qint64 seconds = message.value(QStringLiteral("timestamp")).toString().toLongLong();
                if (seconds > 0)
                    m.at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
                m.externalMessageId = message.value(QStringLiteral("id")).toString();
                out.append(m);
            }
        }
    }
    return out;
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
