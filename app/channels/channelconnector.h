#pragma once

#include "channel.h"
#include "domain.h"

#include <QObject>
#include <QString>

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

// A channel that also receives: customer messages arrive through messageReceived(), which
// the composition root hands to the ConversationEngine.
class ChannelConnector : public QObject, public Channel
{
    Q_OBJECT
public:
    using QObject::QObject;
    Q_DISABLE_COPY_MOVE(ChannelConnector)

    ConnectorStatus status() const { return m_status; }
    bool isConnected() const override { return m_status.state == ConnectorStatus::State::Connected; }

signals:
    void messageReceived(const zapito::CustomerMessage& message);
    void statusChanged(const zapito::ConnectorStatus& status);

protected:
    void setStatus(ConnectorStatus::State state, const QString& text)
    {
        const ConnectorStatus next{state, text};
        if (next == m_status)
            return;
        m_status = next;
        emit statusChanged(m_status);
    }

private:
    ConnectorStatus m_status;
};

} // namespace zapito
