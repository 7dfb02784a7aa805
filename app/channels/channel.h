// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <functional>

namespace zapito {

struct SendResult
{
    bool ok = false;
    QString error; // for the operator, when !ok
};

// A way to reach customers (Telegram, WhatsApp, the local preview chat). Sending is
// asynchronous; `done` is called once, on the caller's thread.
class Channel
{
public:
    virtual ~Channel() = default;
    virtual QString name() const = 0;
    // False until the channel is configured and able to send.
    virtual bool isConnected() const = 0;
    using Done = std::function<void(SendResult)>;
    virtual void send(const QString& externalId, const QString& text, Done done) = 0;
};

} // namespace zapito
