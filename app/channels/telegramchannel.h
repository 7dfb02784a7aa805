// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"
#include "httpclient.h"
#include "telegramconfig.h"
#include "telegramupdate.h"

#include <QTimer>

namespace zapito {

class ChannelState;

// The Telegram Bot API over long polling: getUpdates, then the updates of a batch handed to
// the inbound sink one after the other; the offset (kept in channel_state) moves past an
// update only once its message is committed. When one is not, polling stops there, backs off
// and asks again from that update, never skipping it (each message carries its Telegram id,
// so a repeat is stored once). sendMessage for every answer. Errors become a status the
// operator can read, and polling resumes by itself.
class TelegramChannel final : public ChannelConnector
{
    Q_OBJECT
public:
    static constexpr const char* kOffsetKey = "telegram.offset";
    static constexpr const char* kSecretKey = TelegramConfig::kSecretKey;

    explicit TelegramChannel(ChannelState& state, QObject* parent = nullptr);
    ~TelegramChannel() override;
    Q_DISABLE_COPY_MOVE(TelegramChannel)

    QString name() const override { return QStringLiteral("telegram"); }
    bool isConnected() const override;
    void send(const QString& externalId, const QString& text, Done done) override;

    // Applies the configuration and (re)starts polling when it is usable.
    void configure(const TelegramConfig& config);
    void stop();

    // Waits between failed polls: doubling from `minimum` up to `maximum`; Telegram's
    // retry_after seconds are multiplied by `secondMs` (tests shrink all three).
    void setBackoff(int minimumMs, int maximumMs, int secondMs = 1000);

signals:
    // The bot's own name from getMe (its first name, else its username), once per
    // configuration, when Telegram first answers.
    void botIdentified(const QString& displayName);

public:
    // Turns one getUpdates `message` object into a customer message (exposed for tests); a
    // message without text gets a placeholder (InboundPlaceholder). Nothing without a chat.
    static std::optional<CustomerMessage> customerMessageFrom(const QJsonObject& message);

private:
    using Update = TelegramUpdate;

    void sendPart(const QString& externalId, const QString& text, Done done);
    void poll();
    void onPolled(const HttpResult& result);
    void identify();
    void commitInOrder(const QList<Update>& updates);
    void onBatchCommitted(const Status& status);
    void moveOffsetPast(qint64 updateId);
    int nextBackoffMs() const;
    void retryLater(int delayMs, ConnectorStatus::State state, const QString& text);
    QUrl methodUrl(const QString& method) const;

    ChannelState& m_state;
    TelegramConfig m_config;
    HttpClient& m_http;
    HttpClient::Id m_poll = 0;
    QTimer m_next;
    qint64 m_offset = 0;  // the next update wanted; 0 = whatever Telegram holds
    int m_generation = 0; // a batch still being committed after stop() or configure() is dropped
    bool m_running = false;
    bool m_identified = false; // getMe answered for this configuration
    bool m_identifying = false;
    bool m_tokenRefused = false;
    int m_failures = 0;
    int m_backoffMinMs = 1000;
    int m_backoffMaxMs = 60'000;
    int m_secondMs = 1000;
};

} // namespace zapito
