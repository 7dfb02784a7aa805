// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QByteArray>
#include <QList>

namespace zapito {

// The body of a `lead.handoff` webhook request, exactly as the spec shows it: event, at,
// reason, bot {id, name}, conversation {id, channel, externalId, contactName, status} and the
// transcript (oldest first, each {role, content, at}).
QByteArray buildLeadPayload(const Bot& bot, const Conversation& conversation,
                            const QList<Message>& transcript, const QString& reason, qint64 atMs);
QByteArray buildLeadPayload(const Bot& bot, const Conversation& conversation,
                            const QList<Message>& transcript, HandoffReason reason, qint64 atMs);

} // namespace zapito
