// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channel.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>

#include <chrono>

namespace zapito::test {

// A channel that records what it was asked to send and answers the way a real one does: later,
// from the event loop, after an injected delay (Telegram's sendMessage can take over a second).
class FakeChannel final : public QObject, public Channel
{
    Q_OBJECT
public:
    explicit FakeChannel(QString name = QStringLiteral("whatsapp"))
        : m_name(std::move(name))
    {}
    QString name() const override { return m_name; }
    bool isConnected() const override { return connected; }
    void send(const QString& externalId, const QString& text, Done done) override
    {
        sent.append({externalId, text});
        const SendResult result = failWith.isEmpty() ? SendResult{true, {}} : SendResult{false, failWith};
        ++inFlight;
        maxInFlight = std::max(maxInFlight, inFlight);
        QTimer::singleShot(delay, this, [this, externalId, text, result, done = std::move(done)] {
            --inFlight;
            done(result);
            emit answered(externalId, text, result.ok);
        });
    }

    bool connected = true;
    QString failWith;
    std::chrono::milliseconds delay{0};
    QList<QPair<QString, QString>> sent; // (externalId, text), in the order send() was called
    int inFlight = 0;
    int maxInFlight = 0;

signals:
    // The channel answered a send (after `delay`).
    void answered(const QString& externalId, const QString& text, bool ok);

private:
    QString m_name;
};

} // namespace zapito::test
