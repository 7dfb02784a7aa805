// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"

#include <QList>
#include <QSet>

namespace zapito::test {

// A connector's inbound sink that stands in for the store: it commits at once, fails (as a
// locked database would), or holds the answer until the test releases it. Like the store, it
// keeps a message id once, so a redelivery is "stored" without a second row.
class FakeInboundSink
{
public:
    enum class Mode
    {
        Commit,
        Fail,
        Hold,
    };

    ChannelConnector::InboundSink sink()
    {
        return [this](const CustomerMessage& message, const ChannelConnector::Committed& committed) {
            offered.append(message);
            switch (mode) {
            case Mode::Commit:
                store(message);
                committed(Status::ok());
                return;
            case Mode::Fail:
                committed(Status::failure(QStringLiteral("database is locked")));
                return;
            case Mode::Hold:
                held.append({message, committed});
                return;
            }
        };
    }

    // Answers the oldest held message: stored, or the failure.
    void release(bool ok = true)
    {
        const auto [message, committed] = held.takeFirst();
        if (ok)
            store(message);
        committed(ok ? Status::ok() : Status::failure(QStringLiteral("database is locked")));
    }

    Mode mode = Mode::Commit;
    QList<CustomerMessage> offered; // every message handed over, in order
    QList<CustomerMessage> stored;  // committed ones, each message id once
    QList<QPair<CustomerMessage, ChannelConnector::Committed>> held;

private:
    void store(const CustomerMessage& message)
    {
        const QString key = message.channel + u'/' + message.externalId + u'/' + message.externalMessageId;
        if (message.externalMessageId.isEmpty() || !m_ids.contains(key))
            stored.append(message);
        m_ids.insert(key);
    }
    QSet<QString> m_ids;
};

} // namespace zapito::test
