// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationengine.h"

#include <QSignalSpy>

namespace zapito::test {

// Hands a customer message to the engine and waits, bounded, until the bot has decided it (its
// answer is recorded; sending goes on in the background). A message stored while a human has the
// conversation is decided in the same commit, so there is nothing to wait for.
// `afterStored` runs between storing and deciding (to move an injected clock, say).
inline Expected<QString> receiveAndDecide(ConversationEngine& engine, ConversationStore& store,
                                          const CustomerMessage& message, int timeoutMs = 5000,
                                          const std::function<void()>& afterStored = {})
{
    QSignalSpy settled(&engine, &ConversationEngine::decisionsSettled);
    auto id = engine.receiveCustomerMessage(message);
    if (afterStored)
        afterStored();
    if (!id)
        return id;
    auto conversation = store.conversation(*id);
    if (!conversation || conversation->status != ConversationStatus::Bot)
        return id;
    const auto isOurs = [&] {
        for (const QList<QVariant>& args : std::as_const(settled))
            if (args.at(0).toString() == *id)
                return true;
        return false;
    };
    while (!isOurs())
        if (!settled.wait(timeoutMs))
            return Expected<QString>::failure(
                QStringLiteral("the bot did not decide within %1 ms").arg(timeoutMs));
    return id;
}

inline Expected<QString> receiveAndDecide(ConversationEngine& engine, ConversationStore& store,
                                          const QString& channel, const QString& externalId,
                                          const QString& contactName, const QString& text,
                                          const QDateTime& at)
{
    return receiveAndDecide(engine, store, CustomerMessage{channel, externalId, contactName, text, at, {}});
}

} // namespace zapito::test
