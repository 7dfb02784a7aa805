// SPDX-License-Identifier: Apache-2.0
#include "previewchannel.h"

#include <QDateTime>
#include <QTimer>
#include <QUuid>

namespace zapito {

PreviewChannel::PreviewChannel(QObject* parent)
    : ChannelConnector(parent)
{
    setStatus(ConnectorStatus::State::Connected, tr("Always available."));
    startNewConversation();
}

void PreviewChannel::startNewConversation()
{
    ++m_counter;
    m_externalId = QStringLiteral("preview-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
    m_contactName = tr("Preview customer %1").arg(m_counter);
}

void PreviewChannel::customerSays(const QString& text)
{
    if (text.trimmed().isEmpty())
        return;
    // Nothing to acknowledge to anyone; a message that could not be stored is reported by the
    // sink (the composition root shows it), like any other.
    handOver(CustomerMessage{name(), m_externalId, m_contactName, text, QDateTime::currentDateTimeUtc(), {}},
             [](const Status&) {});
}

void PreviewChannel::customerWrote(const CustomerMessage& message)
{
    if (message.text.trimmed().isEmpty())
        return;
    handOver(message, [](const Status&) {});
}

void PreviewChannel::send(const QString& externalId, const QString& text, Done done)
{
    // Delivered from the event loop, like a real channel, so callers see one behaviour.
    QTimer::singleShot(0, this, [this, externalId, text, done = std::move(done)] {
        emit delivered(externalId, text);
        done({true, {}});
    });
}

} // namespace zapito
