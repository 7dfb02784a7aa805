// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channel.h"
#include "domain.h"
#include "expected.h"

#include <QObject>
#include <QString>

#include <functional>

namespace zapito {

// What Settings → Channels shows for a connector.
struct ConnectorStatus
{
    enum class State
    {
        Off,        // not configured or switched off
        Connecting, // starting, or waiting to try again
        Connected,  // receiving and able to send
        Problem,    // something the operator can fix; `text` says what (it retries by itself)
    };
    State state = State::Off;
    QString text;

    bool operator==(const ConnectorStatus&) const = default;
};

// A channel that also receives. Customer messages go to the inbound sink the composition root
// sets, and a connector acknowledges an event to its channel (WhatsApp's 200, Telegram's
// offset) only after the sink said the message is committed, so nothing acknowledged is lost.
class ChannelConnector : public QObject, public Channel
{
    Q_OBJECT
public:
    // The sink's answer for one message: ok once it is durably stored (a duplicate the store
    // already holds counts as stored), else the failure, and then the channel redelivers it.
    using Committed = std::function<void(Status)>;
    // Stores a customer message and calls `committed` exactly once, on this thread, either
    // before it returns or later.
    using InboundSink = std::function<void(const CustomerMessage&, Committed)>;

    using QObject::QObject;
    Q_DISABLE_COPY_MOVE(ChannelConnector)

    void setInboundSink(InboundSink sink) { m_sink = std::move(sink); }

    ConnectorStatus status() const { return m_status; }
    bool isConnected() const override { return m_status.state == ConnectorStatus::State::Connected; }
    // Shows the status of the same channel run elsewhere in this process (a window whose leader
    // runs on a thread of its own, LeaderThread): Settings → Channels reads it here.
    void mirrorStatus(const ConnectorStatus& status) { setStatus(status.state, status.text); }

signals:
    void statusChanged(const zapito::ConnectorStatus& status);

protected:
    // Hands `message` to the sink. `committed` runs at most once (a second answer from the sink
    // is ignored) and never after this connector is gone. Without a sink it fails at once:
    // nobody stored the message, so the channel must not be told it arrived.
    void handOver(const CustomerMessage& message, Committed committed);

    void setStatus(ConnectorStatus::State state, const QString& text)
    {
        const ConnectorStatus next{state, text};
        if (next == m_status)
            return;
        m_status = next;
        emit statusChanged(m_status);
    }

private:
    InboundSink m_sink;
    ConnectorStatus m_status;
};

} // namespace zapito
