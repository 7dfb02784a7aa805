// SPDX-License-Identifier: Apache-2.0
#include "sampleinbox.h"

#include "inboxservices.h"
#include "pipelinewait.h"
#include "scriptedagent.h"

#include <QDateTime>

namespace zapito::test {

namespace {

struct Script
{
    QString channel;
    QString externalId;
    QString name;
    QStringList lines; // customer lines; the agent answers each
    std::optional<HandoffReason> handoffOnLast;
    std::optional<DeliveryOutcome> outcome;
    int minutesAgo;
};

QString u(const char* text)
{
    return QString::fromUtf8(text);
}

} // namespace

void fillVariedInbox(InboxServices& services, ScriptedAgent& agent, qint64 nowMs)
{
    using R = HandoffReason;
    using D = DeliveryOutcome;
    const QList<Script> scripts{
        {"whatsapp",
         "5511999990000",
         "Maria Silva",
         {"Oi! Vocês entregam no domingo?", "Can I talk to a person?"},
         R::Escalate,
         D::Sent,
         2},
        {"telegram",
         "@kenji_t",
         "Kenji 健二",
         {"I need a refund for order 4471, it arrived broken."},
         R::Handoff,
         D::Failed,
         7},
        {"whatsapp",
         "79001234567",
         "Олег Петров",
         {"Здравствуйте! Is the café open late tonight?"},
         {},
         {},
         12},
        {"whatsapp",
         "971501234567",
         "فاطمة الزهراء",
         {"مرحبا، هل يمكنني تغيير عنوان التوصيل؟"},
         R::ModelError,
         D::Pending,
         18},
        {"telegram", "523456789", "", {"hello??", "is anyone there"}, {}, {}, 25},
        {"whatsapp",
         "14155550123",
         "",
         {"Do you have gluten-free options?"},
         R::OutOfCredits,
         D::Skipped,
         31},
        {"whatsapp",
         "306912345678",
         "Αλέξης Παπαδόπουλος",
         {"Καλησπέρα! Do you deliver to Kifisia?"},
         {},
         {},
         44},
        {"preview", "preview-1", "", {"Testing the new flow from the preview window"}, {}, {}, 58},
        {"whatsapp",
         "8613800138000",
         "李娜",
         {"你好，我想预订明天晚上的桌子，六个人。", "I'd like to speak to someone please"},
         R::Escalate,
         D::Sent,
         75},
        {"whatsapp",
         "919812345678",
         "Priya शर्मा",
         {"Hi, I placed an order yesterday evening and the app charged me twice. I can see two identical "
          "payments of R$ 84,90 on my card statement, both at 19:42, and only one order in my history. Could "
          "you please check and refund the duplicate? I've attached nothing because I don't know how, sorry. "
          "My order number is 99812 and the card ends in 4421."},
         R::Handoff,
         D::Sent,
         95},
        {"whatsapp", "34612345678", "José Álvarez", {"¿Tienen opciones veganas?"}, {}, {}, 130},
        {"telegram",
         "@zoe_ob",
         "Zoë O'Brien",
         {"Where's my order? It's been 2 hours!!!"},
         R::Escalate,
         D::Failed,
         160},
        {"whatsapp",
         "5511988887777",
         "<b>bold</b><img src=x>",
         {"<script>alert('hi')</script> & <i>italic</i> &amp; <a href=\"http://x\">link</a>"},
         {},
         {},
         200},
        {"whatsapp",
         "4917612345678",
         "Jürgen Müller",
         {"Guten Tag, ich möchte stornieren."},
         R::Handoff,
         D::Sent,
         260},
        {"whatsapp", "819012345678", "さくら", {"こんにちは！メニューはありますか？"}, {}, {}, 320},
        {"whatsapp",
         "821012345678",
         "김민준",
         {"배달 시간이 얼마나 걸리나요?"},
         R::ModelError,
         D::Failed,
         400},
        {"telegram", "@anna_k", "Anna Kowalska", {"Dzień dobry, do you have a kids menu?"}, {}, {}, 500},
        {"whatsapp",
         "5521977776666",
         "Ana Beatriz",
         {"quero falar com um atendente"},
         R::Escalate,
         D::Sent,
         620},
        {"whatsapp", "447700900123", "Oliver Smith", {"Thanks for the quick delivery!"}, {}, {}, 700},
        {"whatsapp",
         "33612345678",
         "Élodie Martin",
         {"Bonjour, la commande est incomplète."},
         R::OutOfCredits,
         D::Pending,
         820},
    };
    const QStringList firstNames{u("Lucas"),  u("Sofía"), u("Mateo"), u("Chloé"), u("Noah"),
                                 u("Aiko"),   u("Ivan"),  u("Leila"), u("Tomás"), u("Ingrid"),
                                 u("Rafael"), u("Mei"),   u("Omar"),  u("Hanna"), u("Diego")};
    const QStringList lastNames{u("Costa"),  u("García"), u("Rossi"),  u("Dubois"), u("Novak"),
                                u("Tanaka"), u("Ivanov"), u("Haddad"), u("Silva"),  u("Berg")};
    const QStringList questions{u("What time do you close today?"),  u("Do you deliver to my area?"),
                                u("Can I change my order?"),         u("Is there parking nearby?"),
                                u("Do you have vegetarian dishes?"), u("How much is delivery?")};
    QList<Script> all = scripts;
    for (int i = 0; all.size() < 50; ++i) {
        const QString name =
            QString(firstNames.at(i % firstNames.size()) + u' ' + lastNames.at((i * 3) % lastNames.size()));
        const QString id = QString::number(5511900000000LL + i);
        const QString line = questions.at(i % questions.size());
        std::optional<HandoffReason> reason;
        std::optional<DeliveryOutcome> outcome;
        if (i % 7 == 3) {
            reason = static_cast<HandoffReason>(i % 4);
            outcome = static_cast<DeliveryOutcome>((i / 7) % 4);
        }
        all.append({i % 5 == 4 ? QStringLiteral("telegram") : QStringLiteral("whatsapp"),
                    id,
                    name,
                    {line},
                    reason,
                    outcome,
                    35 + i * 11});
    }

    ConversationEngine& engine = services.engine();
    QHash<QString, QString> idOfName;
    // The customer's line is stored at its own time and the bot answers 20 s later.
    qint64 clockNow = 0;
    engine.setClock([&clockNow] { return clockNow; });
    for (const Script& s : std::as_const(all)) {
        qint64 at = nowMs - qint64(s.minutesAgo) * 60'000 - qint64(s.lines.size()) * 40'000;
        for (int i = 0; i < s.lines.size(); ++i) {
            const QString text = s.lines.at(i);
            if (i == s.lines.size() - 1 && s.handoffOnLast)
                agent.handOffOn(text, *s.handoffOnLast);
            const qint64 replyAt = at + 20'000;
            clockNow = at;
            auto id = test::receiveAndDecide(
                engine, services.store(),
                CustomerMessage{
                    s.channel, s.externalId, s.name, text, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC), {}},
                5000, [&clockNow, replyAt] { clockNow = replyAt; });
            if (!id)
                qWarning("sample conversation not stored: %s", qPrintable(id.error()));
            else
                idOfName.insert(s.name, *id);
            if (id && i == s.lines.size() - 1 && s.handoffOnLast && s.outcome) {
                auto events = services.store().handoffEvents(*id);
                if (events && !events->isEmpty()) {
                    const qint64 eventId = events->constLast().id;
                    DeliveryAttempt attempt{0,         eventId, replyAt + 500,          200,
                                            QString(), 143,     QStringLiteral("first")};
                    DeliveryStore::AfterAttempt after;
                    switch (*s.outcome) {
                    case DeliveryOutcome::Sent:
                        after.outcome = DeliveryOutcome::Sent;
                        (void)services.deliveries().recordAttempt(attempt, after);
                        break;
                    case DeliveryOutcome::Failed:
                        attempt.httpStatus = 500;
                        attempt.error = QStringLiteral("HTTP 500 Internal Server Error");
                        (void)services.deliveries().recordAttempt(attempt, {{}, replyAt + 30'500});
                        attempt.attemptedAtMs += 30'000;
                        attempt.kind = QStringLiteral("retry");
                        after.outcome = DeliveryOutcome::Failed;
                        (void)services.deliveries().recordAttempt(attempt, after);
                        break;
                    case DeliveryOutcome::Pending:
                        attempt.httpStatus = 0;
                        attempt.error = QStringLiteral("Connection refused");
                        (void)services.deliveries().recordAttempt(attempt, {{}, nowMs + 30'000});
                        break;
                    case DeliveryOutcome::Skipped:
                        (void)services.deliveries().setOutcome(eventId, DeliveryOutcome::Skipped);
                        break;
                    }
                }
            }
            at += 40'000;
        }
    }
    engine.setClock([] { return QDateTime::currentMSecsSinceEpoch(); });

    // Some conversations are a teammate's, one of them with a long name.
    const QList<std::pair<QString, QString>> assignees{
        {u("Zoë O'Brien"), u("Carla Mendes")},
        {u("Élodie Martin"), u("Carla Mendes")},
        {u("Jürgen Müller"), u("Maria Fernanda Albuquerque de Souza")},
        {u("Ana Beatriz"), u("Rafael Tavares")},
        {u("Tomás Berg"), u("Maria Fernanda Albuquerque de Souza")},
        {u("Maria Silva"), u("Rafael Tavares")},
        {u("Kenji 健二"), u("Carla Mendes")},
    };
    for (const auto& [contact, assignee] : assignees) {
        if (!idOfName.contains(contact) || !services.store().assign(idOfName.value(contact), assignee))
            qWarning("sample conversation not assigned: %s", qPrintable(contact));
    }
}

} // namespace zapito::test
