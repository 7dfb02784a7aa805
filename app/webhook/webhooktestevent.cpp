// SPDX-License-Identifier: Apache-2.0
// WebhookDispatcher's Send test event: a sample lead, signed like a real one, to the saved
// endpoint or to one the settings form has not saved yet.
#include "webhookdispatcher.h"

#include "httpclient.h"
#include "leadpayload.h"
#include "webhooksettings.h"

#include <QPointer>
#include <QUuid>

namespace zapito {

namespace {

// The sample a test event posts: the real shape, plainly fake values.
QByteArray samplePayload(qint64 atMs)
{
    const Bot bot{QStringLiteral("bot_test"), QStringLiteral("Zapito test event")};
    Conversation conversation;
    conversation.id = QStringLiteral("conv_test");
    conversation.channel = QStringLiteral("preview");
    conversation.externalId = QStringLiteral("test");
    conversation.contactName = QStringLiteral("Test Customer");
    conversation.status = ConversationStatus::Handoff;
    Message question;
    question.role = MessageRole::User;
    question.content = QStringLiteral("Can I talk to a person?");
    question.atMs = atMs - 3000;
    Message answer;
    answer.role = MessageRole::Assistant;
    answer.content = QStringLiteral("Connecting you with a team member right away.");
    answer.atMs = atMs;
    return buildLeadPayload(bot, conversation, {question, answer}, QStringLiteral("test"), atMs);
}

} // namespace

void WebhookDispatcher::sendTestEvent()
{
    const QString endpoint = m_settings.endpoint();
    m_settings.readSecret([self = QPointer<WebhookDispatcher>(this), endpoint](std::optional<QString> secret,
                                                                               const QString& error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            TestEventResult result;
            result.error = tr("The signing secret could not be read: %1").arg(error);
            emit self->testEventFinished(result);
            return;
        }
        self->sendTestEvent(endpoint, secret.value_or(QString()));
    });
}

void WebhookDispatcher::sendTestEvent(const QString& endpoint, const QString& secret)
{
    QString problem = WebhookSettings::endpointProblem(endpoint);
    if (problem.isEmpty() && endpoint.trimmed().isEmpty())
        problem = tr("No endpoint is set: enter the URL that should receive the leads.");
    if (problem.isEmpty() && secret.isEmpty())
        problem = tr("No signing secret is set: requests are never sent unsigned.");
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, problem] {
                TestEventResult result;
                result.error = problem;
                emit testEventFinished(result);
            },
            Qt::QueuedConnection);
        return;
    }
    const qint64 at = now();
    post(QUrl(endpoint.trimmed(), QUrl::StrictMode), secret.toUtf8(), samplePayload(at),
         QByteArrayLiteral("test-") + QUuid::createUuid().toByteArray(QUuid::WithoutBraces),
         [this](const HttpResult& http, const QString& error) {
             TestEventResult result;
             result.httpStatus = http.status;
             result.latencyMs = http.durationMs;
             result.bodyExcerpt = http.body;
             result.error = error;
             emit testEventFinished(result);
         });
}

} // namespace zapito
