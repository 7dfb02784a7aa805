// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationstore.h"
#include "deliverystore.h"
#include "leadpayload.h"
#include "localhttpserver.h"
#include "secretstore.h"
#include "testdatabase.h"
#include "webhookdispatcher.h"
#include "webhooksettings.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace zapito::test {

// Everything a webhook test needs: a real database, the stores, file-backed secrets and
// settings in a temporary folder, a local HTTP server and a dispatcher with short delays.
struct WebhookTestbed
{
    static constexpr std::chrono::milliseconds kRetryDelay{50};
    static constexpr std::chrono::milliseconds kDeadline{2000};
    static constexpr int kWaitMs = 30000; // generous: the CI box is a loaded 2-core machine

    TestDatabase tmp;
    std::unique_ptr<Database> db;
    std::unique_ptr<ConversationStore> store;
    std::unique_ptr<DeliveryStore> deliveries;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<WebhookSettings> settings;
    std::unique_ptr<WebhookDispatcher> dispatcher;
    LocalHttpServer server;
    QString secret = SecretStore::generateSecret();
    qint64 now = 1'751'371'200'000; // 2025-07-01T12:00:00Z

    bool setUp()
    {
        QStandardPaths::setTestModeEnabled(true);
        db = tmp.open();
        if (!db)
            return false;
        store = std::make_unique<ConversationStore>(*db);
        deliveries = std::make_unique<DeliveryStore>(*db);
        secrets = std::make_unique<SecretStore>(SecretStore::Backend::FileOnly,
                                                tmp.filePath(QStringLiteral("secrets.json")));
        settings = std::make_unique<WebhookSettings>(*secrets, tmp.filePath(QStringLiteral("settings.ini")));
        makeDispatcher();
        return server.listen();
    }

    void makeDispatcher()
    {
        dispatcher = std::make_unique<WebhookDispatcher>(*deliveries, *settings);
        dispatcher->setRetryDelay(kRetryDelay);
        dispatcher->setDeadline(kDeadline);
    }

    // Endpoint and secret as the settings dialog would save them.
    bool configure(const QUrl& endpoint, bool enabled = true, const QString& withSecret = QStringLiteral("*"))
    {
        // The save answers through a callback; a QObject's signal turns it into something to wait on.
        QObject answer;
        QSignalSpy answered(&answer, &QObject::objectNameChanged);
        QString error;
        settings->save(endpoint.toString(), enabled, withSecret == u"*" ? secret : withSecret,
                       [&](const QString& e) {
                           error = e;
                           answer.setObjectName(QStringLiteral("answered"));
                       });
        if (answered.isEmpty() && !answered.wait(kWaitMs))
            return false;
        return error.isEmpty();
    }

    // A conversation with `messages` customer messages, then a handoff; returns the event id.
    qint64 handoff(int messages = 2, const QString& externalId = QStringLiteral("5511999990000"))
    {
        const Bot bot = *store->ensureBot(QStringLiteral("Luna Café"));
        const Conversation c = *store->upsertConversation(bot.id, QStringLiteral("whatsapp"), externalId,
                                                          QStringLiteral("Maria"), ++now);
        for (int i = 1; i <= messages; ++i)
            (void)store->appendMessage(c.id, MessageRole::User, QStringLiteral("message %1").arg(i), ++now);
        auto record = store->recordHandoff(
            c.id, QStringLiteral("Connecting you with a team member right away."), HandoffReason::Escalate,
            ++now,
            [](const Bot& b, const Conversation& conv, const QList<Message>& transcript, HandoffReason reason,
               qint64 at) { return buildLeadPayload(b, conv, transcript, reason, at); });
        return record ? record->event.id : -1;
    }

    DeliveryOutcome outcomeOf(qint64 id) const { return deliveries->outcome(id).value(); }
    QList<DeliveryAttempt> attemptsOf(qint64 id) const { return deliveries->attempts(id).value(); }

    // Waits, on signals, until the delivery has an outcome other than pending.
    bool waitForOutcome(qint64 id)
    {
        QSignalSpy changed(deliveries.get(), &DeliveryStore::deliveryChanged);
        QDeadlineTimer deadline(kWaitMs);
        while (outcomeOf(id) == DeliveryOutcome::Pending) {
            if (deadline.hasExpired() || !changed.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
                return outcomeOf(id) != DeliveryOutcome::Pending;
        }
        return true;
    }
    bool waitForAttempts(qint64 id, int count)
    {
        QSignalSpy changed(deliveries.get(), &DeliveryStore::deliveryChanged);
        QDeadlineTimer deadline(kWaitMs);
        while (attemptsOf(id).size() < count) {
            if (deadline.hasExpired() || !changed.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
                return attemptsOf(id).size() >= count;
        }
        return true;
    }
};

} // namespace zapito::test
