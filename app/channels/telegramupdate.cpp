// SPDX-License-Identifier: Apache-2.0
#include "telegramupdate.h"

#include "inboundplaceholder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace zapito {

namespace {

QString placeholderFor(const QJsonObject& message)
{
    using Kind = InboundPlaceholder::Kind;
    static const QList<QPair<const char*, Kind>> kinds = {
        {"photo", Kind::Photo},    {"sticker", Kind::Sticker},   {"voice", Kind::VoiceMessage},
        {"audio", Kind::Audio},    {"video", Kind::Video},       {"video_note", Kind::VideoMessage},
        {"animation", Kind::Gif},  {"document", Kind::Document}, {"location", Kind::Location},
        {"venue", Kind::Location}, {"contact", Kind::Contact},   {"poll", Kind::Poll},
    };
    const QString caption = message.value(QStringLiteral("caption")).toString();
    for (const auto& [key, kind] : kinds) {
        if (message.contains(QLatin1String(key)))
            return InboundPlaceholder::text(kind, caption);
    }
    // "text": null or "" is a text message that says nothing; anything else is a type to come.
    return InboundPlaceholder::text(
        message.contains(QStringLiteral("text")) ? Kind::EmptyText : Kind::Unsupported, caption);
}

} // namespace

std::optional<QList<TelegramUpdate>> parseTelegramUpdates(const QByteArray& body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (!root.value(QStringLiteral("ok")).toBool())
        return std::nullopt;
    QList<TelegramUpdate> out;
    const QJsonArray updates = root.value(QStringLiteral("result")).toArray();
    for (const QJsonValue& value : updates) {
        const QJsonObject update = value.toObject();
        const qint64 updateId = update.value(QStringLiteral("update_id")).toInteger(-1);
        if (updateId < 0)
            continue; // unreadable
        out.append({updateId, telegramCustomerMessage(update.value(QStringLiteral("message")).toObject())});
    }
    return out;
}

std::optional<CustomerMessage> telegramCustomerMessage(const QJsonObject& message)
{
    const QJsonObject chat = message.value(QStringLiteral("chat")).toObject();
    if (chat.isEmpty() || !chat.contains(QStringLiteral("id")))
        return std::nullopt;
    const QJsonObject from = message.value(QStringLiteral("from")).toObject();
    const QJsonObject who = from.isEmpty() ? chat : from;
    QString name = QStringList{who.value(QStringLiteral("first_name")).toString(),
                               who.value(QStringLiteral("last_name")).toString()}
                       .join(u' ')
                       .simplified();
    if (name.isEmpty() && !who.value(QStringLiteral("username")).toString().isEmpty())
        name = u'@' + who.value(QStringLiteral("username")).toString();

    CustomerMessage m;
    m.channel = QStringLiteral("telegram");
    m.externalId = QString::number(chat.value(QStringLiteral("id")).toInteger());
    m.contactName = name;
    // "text" can be null, or missing (media, a sticker …): such a message is stored with a
    // placeholder, never dropped (the store refuses a message without text).
    m.text = message.value(QStringLiteral("text")).toString();
    if (m.text.isEmpty())
        m.text = placeholderFor(message);
    const qint64 date = message.value(QStringLiteral("date")).toInteger(0);
    if (date > 0)
        m.at = QDateTime::fromSecsSinceEpoch(date, Qt::UTC);
    m.externalMessageId = QString::number(message.value(QStringLiteral("message_id")).toInteger());
    return m;
}

} // namespace zapito
