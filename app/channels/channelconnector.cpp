// SPDX-License-Identifier: Apache-2.0
#include "channelconnector.h"

#include <QLoggingCategory>
#include <QPointer>

#include <memory>

Q_LOGGING_CATEGORY(lcInbound, "zapito.channels.inbound")

namespace zapito {

void ChannelConnector::handOver(const CustomerMessage& message, Committed committed)
{
    if (!m_sink) {
        committed(Status::failure(tr("Customer messages cannot be stored yet (nothing receives them).")));
        return;
    }
    auto answered = std::make_shared<bool>(false);
    QPointer<ChannelConnector> self(this);
    // A copy: the sink may replace itself (or this connector's sink) while it runs.
    const InboundSink sink = m_sink;
    sink(message,
         [self, answered, committed = std::move(committed)](Status status) {
             if (*answered) {
                 qCWarning(lcInbound)
                     << "a customer message was reported stored twice; the second answer is ignored";
                 return;
             }
             *answered = true;
             if (self)
                 committed(std::move(status));
         });
}

} // namespace zapito
