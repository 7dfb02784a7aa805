#pragma once

#include "channelconnector.h"
#include "httplistener.h"

#include <QHostAddress>
#include <QNetworkAccessManager>

namespace zapito {

struct WhatsAppConfig
{
    bool enabled = false;
    // Loopback by default: a reverse proxy or tunnel on this machine terminates TLS and
    // forwards Meta's requests (see README, Channels).
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8787;
    QString graphBase = QStringLiteral("https://graph.facebook.com/v19.0");
    QString phoneNumberId;
    // Secrets, from the keychain; never logged.
    QString verifyToken;
    QString appSecret;
    QString accessToken;

    bool canReceive() const { return enabled && !appSecret.isEmpty(); }
    bool canSend() const { return enabled && !accessToken.isEmpty() && !phoneNumberId.trimmed().isEmpty(); }
};

// The WhatsApp Cloud API: Meta's webhook calls arrive on a local HTTP listener (the
// hub.challenge handshake with the verify token; event POSTs only with a valid
// X-Hub-Signature-256), replies go out through the Graph API messages endpoint.
class WhatsAppChannel final : public ChannelConnector
{
    Q_OBJECT
public:
    static constexpr const char* kVerifyTokenKey = "whatsapp/verify-token";
    static constexpr const char* kAppSecretKey = "whatsapp/app-secret";
    static constexpr const char* kAccessTokenKey = "whatsapp/access-token";

    explicit WhatsAppChannel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(WhatsAppChannel)

    QString name() const override { return QStringLiteral("whatsapp"); }
    bool isConnected() const override;
    void send(const QString& externalId, const QString& text, Done done) override;

    // Applies the configuration: (re)opens the listener when receiving is possible.
    void configure(const WhatsAppConfig& config);
    void stop();
    quint16 listeningPort() const { return m_listener.port(); }

    // Answers one inbound request (exposed for tests; the listener calls it).
    InboundHttpResponse handle(const InboundHttpRequest& request);
    // The customer messages in one webhook event body; status callbacks yield none.
    static QList<CustomerMessage> customerMessagesFrom(const QByteArray& body);

private:
    void sendPart(const QString& externalId, const QString& text, Done done);
    InboundHttpResponse verifySubscription(const InboundHttpRequest& request) const;
    void updateStatus();

    WhatsAppConfig m_config;
    HttpListener m_listener;
    QNetworkAccessManager m_network;
    QString m_listenError;
    QString m_sendError;
};

} // namespace zapito
