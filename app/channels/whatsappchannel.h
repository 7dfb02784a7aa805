// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"
#include "httplistener.h"
#include "whatsappconfig.h"

#include <QHostAddress>

namespace zapito {

// The WhatsApp Cloud API: Meta's webhook calls arrive on a local HTTP listener (the
// hub.challenge handshake with the verify token; event POSTs only with a valid
// X-Hub-Signature-256), replies go out through the Graph API messages endpoint. An event is
// answered 200 only after every message in it was committed, and 503 when one was not, so
// Meta delivers it again (the message ids make the repeat harmless).
class WhatsAppChannel final : public ChannelConnector
{
    Q_OBJECT
public:
    static constexpr const char* kVerifyTokenKey = WhatsAppConfig::kVerifyTokenKey;
    static constexpr const char* kAppSecretKey = WhatsAppConfig::kAppSecretKey;
    static constexpr const char* kAccessTokenKey = WhatsAppConfig::kAccessTokenKey;

    explicit WhatsAppChannel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(WhatsAppChannel)

    QString name() const override { return QStringLiteral("whatsapp"); }
    bool isConnected() const override;
    void send(const QString& externalId, const QString& text, Done done) override;

    // Applies the configuration: (re)opens the listener when receiving is possible.
    void configure(const WhatsAppConfig& config);
    void stop();
    quint16 listeningPort() const { return m_listener.port(); }

    // Answers one inbound request through `respond`, now or once its messages are committed
    // (exposed for tests; the listener calls it).
    void handle(const InboundHttpRequest& request, const HttpListener::Respond& respond);
    // The customer messages in one webhook event body; status callbacks yield none, and a
    // message without text gets a placeholder (InboundPlaceholder).
    static QList<CustomerMessage> customerMessagesFrom(const QByteArray& body);

private:
    void sendPart(const QString& externalId, const QString& text, Done done);
    InboundHttpResponse verifySubscription(const InboundHttpRequest& request) const;
    void updateStatus();

    WhatsAppConfig m_config;
    HttpListener m_listener;
    QString m_listenError;
    QString m_sendError;
};

} // namespace zapito
