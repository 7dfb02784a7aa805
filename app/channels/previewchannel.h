// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"

namespace zapito {

// The local preview chat: the operator writes as a customer (channel "preview") to try the
// bot and the whole handoff path without any external account. Always connected; whatever
// the bot or an operator sends comes back through delivered().
class PreviewChannel final : public ChannelConnector
{
    Q_OBJECT
public:
    explicit PreviewChannel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(PreviewChannel)

    QString name() const override { return QStringLiteral("preview"); }
    bool isConnected() const override { return true; }
    void send(const QString& externalId, const QString& text, Done done) override;

    // The pretend customer of the current preview conversation.
    QString externalId() const { return m_externalId; }
    QString contactName() const { return m_contactName; }
    // Starts a fresh preview conversation (a new external id), e.g. after a handoff.
    void startNewConversation();
    // The operator, writing as the customer.
    void customerSays(const QString& text);
    // What the operator wrote as the customer in another thread's preview chat (the window's,
    // when this channel is the leader thread's): the message keeps that chat's id and name.
    void customerWrote(const CustomerMessage& message);

signals:
    // A message for the pretend customer (from the bot or an operator).
    void delivered(const QString& externalId, const QString& text);

private:
    QString m_externalId;
    QString m_contactName;
    int m_counter = 0;
};

} // namespace zapito
