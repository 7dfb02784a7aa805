// SPDX-License-Identifier: Apache-2.0
#include "messagewriter.h"

#include "storerows.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace zapito {

namespace {

constexpr int kPreviewLength = 140;

// Qt binds a null QString as SQL NULL; text columns here are NOT NULL and want ''.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant nullableText(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

} // namespace

QString MessageWriter::newId(QStringView prefix)
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    return prefix + QString::number(bits[0], 16).rightJustified(16, u'0') +
           QString::number(bits[1] & 0xffffffffu, 16).rightJustified(8, u'0');
}

QString MessageWriter::previewOf(const QString& content)
{
    QString line = content.simplified();
    if (line.size() > kPreviewLength)
        line = line.left(kPreviewLength - 1) + QChar(0x2026);
    return line;
}

Expected<Conversation> MessageWriter::upsertConversation(const QString& botId, const QString& channel,
                                                         const QString& externalId,
                                                         const QString& contactName, qint64 atMs)
{
    QSqlQuery q(m_db);
    // The id is only used when the row is new; an existing row keeps its own.
    q.prepare(
        QStringLiteral(
            "INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, status, "
            "last_activity_ms, created_at_ms) VALUES (?, ?, ?, ?, ?, 'bot', ?, ?) "
            "ON CONFLICT (bot_id, channel, external_id) DO UPDATE SET contact_name = CASE WHEN "
            "excluded.contact_name <> '' THEN excluded.contact_name ELSE conversations.contact_name END "
            "RETURNING ") +
        QLatin1String(kConversationColumns));
    q.addBindValue(newId(u"conv_"));
    q.addBindValue(botId);
    q.addBindValue(channel);
    q.addBindValue(externalId);
    q.addBindValue(text(contactName.trimmed()));
    q.addBindValue(atMs);
    q.addBindValue(atMs);
    if (!q.exec() || !q.next())
        return Expected<Conversation>::failure(q.lastError().text());
    return conversationFromRecord(q.record());
}

Expected<std::optional<Message>> MessageWriter::findByExternalId(const QString& conversationId,
                                                                 const QString& externalMessageId)
{
    using Result = Expected<std::optional<Message>>;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + QLatin1String(kMessageColumns) +
              QLatin1String(" FROM messages WHERE conversation_id = ? AND external_message_id = ?"));
    q.addBindValue(conversationId);
    q.addBindValue(externalMessageId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result(std::nullopt);
    return Result(messageFromRecord(q.record()));
}

Status MessageWriter::queueForSending(const Message& message, qint64 nowMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO channel_outbox (message_id, conversation_id, seq, due_at_ms) VALUES (?, ?, ?, ?)"));
    q.addBindValue(message.id);
    q.addBindValue(message.conversationId);
    q.addBindValue(message.seq);
    q.addBindValue(nowMs);
    return q.exec() ? Status::ok() : Status::failure(q.lastError().text());
}

Expected<Message> MessageWriter::append(const NewMessage& n, bool* alreadyStored)
{
    if (alreadyStored)
        *alreadyStored = false;
    using Result = Expected<Message>;
    QSqlQuery q(m_db);
    // One statement takes the sequence number: under a write transaction nobody else can take
    // the same one, and on PostgreSQL the row lock it takes orders concurrent writers.
    q.prepare(
        QStringLiteral("UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq"));
    q.addBindValue(n.conversationId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next())
        return Result::failure(QStringLiteral("No conversation %1").arg(n.conversationId));
    const qint64 seq = q.value(0).toLongLong();
    q.finish();

    qint64 atMs = n.nowMs;
    q.prepare(QStringLiteral("SELECT at_ms FROM messages WHERE conversation_id = ? AND seq < ? "
                             "ORDER BY seq DESC LIMIT 1"));
    q.addBindValue(n.conversationId);
    q.addBindValue(seq);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (q.next())
        atMs = std::max(atMs, q.value(0).toLongLong());
    q.finish();

    q.prepare(QStringLiteral(
        "INSERT INTO messages (conversation_id, role, content, at_ms, external_message_id, seq, "
        "channel_at_ms, decided, send_state, send_error, author, kind) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?) "
        // The duplicate check is this statement itself: a look-up first would let two writers
        // both see nothing under PostgreSQL's READ COMMITTED, and the second would fail.
        "ON CONFLICT (conversation_id, external_message_id) WHERE external_message_id IS NOT NULL "
        "DO NOTHING RETURNING id"));
    q.addBindValue(n.conversationId);
    q.addBindValue(asString(n.role));
    q.addBindValue(text(n.content));
    q.addBindValue(atMs);
    q.addBindValue(nullableText(n.externalMessageId));
    q.addBindValue(seq);
    q.addBindValue(n.channelAtMs ? QVariant(*n.channelAtMs) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(n.decided ? 1 : 0);
    q.addBindValue(nullableText(asString(n.sendState)));
    q.addBindValue(text(n.author));
    q.addBindValue(asString(n.kind));
    if (!q.exec())
        return Result::failure(q.lastError().text());
    if (!q.next()) {
        q.finish();
        auto earlier = findByExternalId(n.conversationId, n.externalMessageId);
        if (!earlier)
            return Result::failure(earlier.error());
        if (!*earlier)
            return Result::failure(
                QStringLiteral("Message %1 was neither stored nor found").arg(n.externalMessageId));
        if (alreadyStored)
            *alreadyStored = true;
        return std::move(*earlier).value();
    }
    Message m;
    m.id = q.value(0).toLongLong();
    q.finish();
    m.conversationId = n.conversationId;
    m.role = n.role;
    m.content = text(n.content);
    m.atMs = atMs;
    m.externalMessageId = n.externalMessageId;
    m.seq = seq;
    m.channelAtMs = n.channelAtMs;
    m.decided = n.decided;
    m.sendState = n.sendState;
    m.author = n.author;
    m.kind = n.kind;
    if (m.isNote())
        return m;

    q.prepare(QStringLiteral("UPDATE conversations SET last_activity_ms = CASE WHEN ? > last_activity_ms "
                             "THEN ? ELSE last_activity_ms END, last_message_preview = ?, "
                             "unread_count = unread_count + ? WHERE id = ?"));
    q.addBindValue(atMs);
    q.addBindValue(atMs);
    q.addBindValue(previewOf(m.content));
    q.addBindValue(n.role == MessageRole::User ? 1 : 0);
    q.addBindValue(n.conversationId);
    if (!q.exec())
        return Result::failure(q.lastError().text());
    return m;
}

} // namespace zapito
