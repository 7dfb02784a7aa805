// SPDX-License-Identifier: Apache-2.0
#include "whatsappevent.h"

#include "inboundplaceholder.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace zapito {

namespace {

QString placeholderFor(const QString& type, const QJsonObject& message)
{
    using Kind = InboundPlaceholder::Kind;
    static const QList<QPair<const char*, Kind>> kinds = {
        {"image", Kind::Photo},       {"video", Kind::Video},       {"sticker", Kind::Sticker},
        {"document", Kind::Document}, {"location", Kind::Location}, {"contacts", Kind::Contact},
        {"reaction", Kind::Reaction}, {"text", Kind::EmptyText},
    };
    const QJsonObject content = message.value(type).toObject();
    const QString caption = content.value(QStringLiteral("caption")).toString();
    if (type == QLatin1String("audio"))
        return InboundPlaceholder::text(
            content.value(QStringLiteral("voice")).toBool() ? Kind::VoiceMessage : Kind::Audio, caption);
    if (type == QLatin1String("reaction")) // the emoji is the whole message
        return InboundPlaceholder::text(Kind::Reaction, content.value(QStringLiteral("emoji")).toString());
    for (const auto& [name, kind] : kinds) {
        if (type == QLatin1String(name))
            return InboundPlaceholder::text(kind, caption);
    }
    return InboundPlaceholder::text(Kind::Unsupported, caption);
}

QString textOf(const QJsonObject& message)
{
    const QString type = message.value(QStringLiteral("type")).toString();
    QString text;
    if (type == QLatin1String("text"))
        text = message.value(QStringLiteral("text")).toObject().value(QStringLiteral("body")).toString();
    else if (type == QLatin1String("button"))
        text = message.value(QStringLiteral("button")).toObject().value(QStringLiteral("text")).toString();
    else if (type == QLatin1String("interactive")) {
        const QJsonObject interactive = message.value(QStringLiteral("interactive")).toObject();
        for (const char* kind : {"button_reply", "list_reply"}) {
            text =
                interactive.value(QLatin1String(kind)).toObject().value(QStringLiteral("title")).toString();
            if (!text.isEmpty())
                break;
        }
    }
    // Media, a text without a body and the types to come are stored as a short placeholder
    // (the inbox shows text only), never dropped: the store refuses a message without text.
    return text.isEmpty() ? placeholderFor(type, message) : text;
}

} // namespace

QList<CustomerMessage> parseWhatsAppEvent(const QByteArray& body)
{
    QList<CustomerMessage> out;
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonArray entries = root.value(QStringLiteral("entry")).toArray();
    for (const QJsonValue& entry : entries) {
        const QJsonArray changes = entry.toObject().value(QStringLiteral("changes")).toArray();
        for (const QJsonValue& change : changes) {
            const QJsonObject value = change.toObject().value(QStringLiteral("value")).toObject();
            QHash<QString, QString> names; // wa_id → profile name
            const QJsonArray contacts = value.value(QStringLiteral("contacts")).toArray();
            for (const QJsonValue& contact : contacts) {
                const QJsonObject c = contact.toObject();
                names.insert(
                    c.value(QStringLiteral("wa_id")).toString(),
                    c.value(QStringLiteral("profile")).toObject().value(QStringLiteral("name")).toString());
            }
            // `statuses` (sent, delivered, read) are not customer messages and are ignored.
            const QJsonArray messages = value.value(QStringLiteral("messages")).toArray();
            for (const QJsonValue& item : messages) {
                const QJsonObject message = item.toObject();
                const QString from = message.value(QStringLiteral("from")).toString();
                if (from.isEmpty())
                    continue;
                CustomerMessage m;
                m.channel = QStringLiteral("whatsapp");
                m.externalId = from;
                m.contactName = names.value(from);
                m.text = textOf(message);
                const qint64 seconds = message.value(QStringLiteral("timestamp")).toString().toLongLong();
                if (seconds > 0)
                    m.at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
                m.externalMessageId = message.value(QStringLiteral("id")).toString();
                out.append(m);
            }
        }
    }
    return out;
}

} // namespace zapito
