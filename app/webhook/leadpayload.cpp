// SPDX-License-Identifier: Apache-2.0
#include "leadpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace zapito {

QByteArray buildLeadPayload(const Bot& bot, const Conversation& conversation,
                            const QList<Message>& transcript, const QString& reason, qint64 atMs)
{
    QJsonArray messages;
    for (const Message& m : transcript) {
        if (m.isNote())
            continue; // the team's, never the receiver's
        messages.append(QJsonObject{
            {QStringLiteral("role"), asString(m.role)},
            {QStringLiteral("content"), m.content},
            {QStringLiteral("at"), toIsoUtcMs(m.atMs)},
        });
    }
    const QJsonObject body{
        {QStringLiteral("event"), QStringLiteral("lead.handoff")},
        {QStringLiteral("at"), toIsoUtcMs(atMs)},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("bot"),
         QJsonObject{{QStringLiteral("id"), bot.id}, {QStringLiteral("name"), bot.name}}},
        {QStringLiteral("conversation"),
         QJsonObject{
             {QStringLiteral("id"), conversation.id},
             {QStringLiteral("channel"), conversation.channel},
             {QStringLiteral("externalId"), conversation.externalId},
             {QStringLiteral("contactName"), conversation.contactName},
             {QStringLiteral("status"), asString(conversation.status)},
         }},
        {QStringLiteral("transcript"), messages},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray buildLeadPayload(const Bot& bot, const Conversation& conversation,
                            const QList<Message>& transcript, HandoffReason reason, qint64 atMs)
{
    return buildLeadPayload(bot, conversation, transcript, asString(reason), atMs);
}

} // namespace zapito
