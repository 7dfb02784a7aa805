// SPDX-License-Identifier: Apache-2.0
#include "leadpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace zapito;

class tst_LeadPayload : public QObject
{
    Q_OBJECT

private slots:
    void matchesSpecExample()
    {
        const Bot bot{QStringLiteral("bot_1"), QStringLiteral("Luna Café")};
        Conversation c;
        c.id = QStringLiteral("conv_1");
        c.channel = QStringLiteral("whatsapp");
        c.externalId = QStringLiteral("5511999990000");
        c.contactName = QStringLiteral("Maria");
        c.status = ConversationStatus::Handoff;
        const qint64 t0 = QDateTime::fromString(QStringLiteral("2026-07-01T11:59:41.000Z"), Qt::ISODateWithMs)
                              .toMSecsSinceEpoch();
        const auto message = [&c](qint64 id, MessageRole role, const QString& content, qint64 atMs) {
            Message m;
            m.id = id;
            m.conversationId = c.id;
            m.role = role;
            m.content = content;
            m.atMs = atMs;
            m.seq = id;
            return m;
        };
        const QList<Message> transcript{
            message(1, MessageRole::User, QStringLiteral("Can I talk to a person?"), t0),
            message(2, MessageRole::Assistant,
                    QStringLiteral("Connecting you with a team member right away."), t0 + 3000),
        };
        const QByteArray body = buildLeadPayload(bot, c, transcript, HandoffReason::Escalate, t0 + 19000);
        const QJsonObject expected = QJsonDocument::fromJson(R"({
            "event": "lead.handoff", "at": "2026-07-01T12:00:00.000Z", "reason": "escalate",
            "bot": { "id": "bot_1", "name": "Luna Café" },
            "conversation": { "id": "conv_1", "channel": "whatsapp", "externalId": "5511999990000",
                              "contactName": "Maria", "status": "handoff" },
            "transcript": [
                { "role": "user", "content": "Can I talk to a person?", "at": "2026-07-01T11:59:41.000Z" },
                { "role": "assistant", "content": "Connecting you with a team member right away.",
                  "at": "2026-07-01T11:59:44.000Z" } ] })")
                                         .object();
        QCOMPARE(QJsonDocument::fromJson(body).object(), expected);
        QVERIFY(!body.contains('\n')); // compact: exactly the bytes that are signed
    }
};

QTEST_GUILESS_MAIN(tst_LeadPayload)
#include "tst_leadpayload.moc"
