// SPDX-License-Identifier: Apache-2.0
#include "inboxfixture.h"

#include <QSqlError>
#include <QSqlQuery>

namespace zapito::test {

bool addConversations(Database& database, ConversationStore& store, const Bot& bot, int count,
                      int handoffEvery, qint64 baseMs)
{
    QSqlDatabase db = database.connection();
    if (!db.transaction()) {
        qWarning("addConversations: %s", qPrintable(db.lastError().text()));
        return false;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE conversations SET last_message_preview = ?, status = ?, "
                                  "open_handoff_reason = ? WHERE id = ?"));
    for (int i = 0; i < count; ++i) {
        auto c =
            store.upsertConversation(bot.id, QStringLiteral("whatsapp"), QString::number(5511900000000LL + i),
                                     QStringLiteral("Contact %1").arg(i), baseMs + i);
        if (!c) {
            qWarning("addConversations: %s", qPrintable(c.error()));
            db.rollback();
            return false;
        }
        const bool handoff = handoffEvery > 0 && i % handoffEvery == 0;
        update.addBindValue(QStringLiteral("Message number %1").arg(i));
        update.addBindValue(handoff ? QStringLiteral("handoff") : QStringLiteral("bot"));
        update.addBindValue(handoff ? QVariant(QStringLiteral("escalate"))
                                    : QVariant(QMetaType(QMetaType::QString)));
        update.addBindValue(c->id);
        if (!update.exec()) {
            qWarning("addConversations: %s", qPrintable(update.lastError().text()));
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

} // namespace zapito::test
