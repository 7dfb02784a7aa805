// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channel.h"

#include <QHash>
#include <QString>

namespace zapito {

// Finds the channel a conversation came through. Channels are owned elsewhere.
class ChannelRegistry
{
public:
    void add(Channel* channel) { m_channels.insert(channel->name(), channel); }
    void remove(const QString& name) { m_channels.remove(name); }
    Channel* find(const QString& name) const { return m_channels.value(name, nullptr); }
    QStringList names() const { return m_channels.keys(); }
    bool isConnected(const QString& name) const
    {
        const Channel* c = find(name);
        return c && c->isConnected();
    }

private:
    QHash<QString, Channel*> m_channels;
};

} // namespace zapito
