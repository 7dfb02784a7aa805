// SPDX-License-Identifier: Apache-2.0
#include "chatcompletionsclient.h"

#include "httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcModel, "zapito.agent.model")

namespace zapito {

namespace {

const QString kRequestHuman = QStringLiteral("request_human");

QString roleFor(MessageRole role)
{
    // The model only knows user and assistant; an operator's reply is the business speaking.
    return role == MessageRole::User ? QStringLiteral("user") : QStringLiteral("assistant");
}

QJsonObject requestHumanTool()
{
    const QJsonObject reason{{QStringLiteral("type"), QStringLiteral("string")},
                             {QStringLiteral("description"), QStringLiteral("Why a person is needed.")}};
    const QJsonObject parameters{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("reason"), reason}}}};
    const QJsonObject function{
        {QStringLiteral("name"), kRequestHuman},
        {QStringLiteral("description"),
         QStringLiteral("Hand the conversation to a human team member. Use it when the customer asks "
                        "for a person or when you cannot help.")},
        {QStringLiteral("parameters"), parameters}};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                       {QStringLiteral("function"), function}};
}

bool isNoQuota(int status, const QJsonObject& root)
{
    if (status == 402)
        return true;
    if (status != 429)
        return false;
    const QJsonObject error = root.value(QStringLiteral("error")).toObject();
    const QString quota = QStringLiteral("insufficient_quota");
    return error.value(QStringLiteral("code")).toString() == quota ||
           error.value(QStringLiteral("type")).toString() == quota;
}

} // namespace

ChatCompletionsClient::ChatCompletionsClient(QObject* parent)
    : QObject(parent)
    , m_http(HttpClient::forCurrentThread())
{}

QByteArray ChatCompletionsClient::requestBody(const ModelRequest& request)
{
    QJsonArray messages;
    if (!request.instructions.trimmed().isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.instructions}});
    for (const Message& m : request.transcript)
        messages.append(
            QJsonObject{{QStringLiteral("role"), roleFor(m.role)}, {QStringLiteral("content"), m.content}});
    const QJsonObject body{{QStringLiteral("model"), request.model},
                           {QStringLiteral("messages"), messages},
                           {QStringLiteral("tools"), QJsonArray{requestHumanTool()}},
                           {QStringLiteral("tool_choice"), QStringLiteral("auto")}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

ModelOutcome ChatCompletionsClient::interpret(int httpStatus, const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = document.object();
    if (isNoQuota(httpStatus, root))
        return {ModelOutcome::Kind::NoQuota, {}, QStringLiteral("HTTP %1: no quota left").arg(httpStatus)};
    if (httpStatus < 200 || httpStatus >= 300)
        return {ModelOutcome::Kind::Failed, {}, QStringLiteral("HTTP %1").arg(httpStatus)};
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {ModelOutcome::Kind::Failed, {}, QStringLiteral("the answer is not JSON")};

    const QJsonObject message = root.value(QStringLiteral("choices"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toObject();
    if (message.isEmpty())
        return {ModelOutcome::Kind::Failed, {}, QStringLiteral("the answer has no message")};
    const QJsonArray toolCalls = message.value(QStringLiteral("tool_calls")).toArray();
    for (const QJsonValue& call : toolCalls) {
        const QString name = call.toObject()
                                 .value(QStringLiteral("function"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        if (name == kRequestHuman)
            return {ModelOutcome::Kind::RequestHuman, {}, {}};
    }
    // Older servers answer with the single function_call form.
    if (message.value(QStringLiteral("function_call")).toObject().value(QStringLiteral("name")).toString() ==
        kRequestHuman)
        return {ModelOutcome::Kind::RequestHuman, {}, {}};
    const QString text = message.value(QStringLiteral("content")).toString().trimmed();
    if (text.isEmpty())
        return {ModelOutcome::Kind::Failed, {}, QStringLiteral("the answer is empty")};
    return {ModelOutcome::Kind::Text, text, {}};
}

void ChatCompletionsClient::complete(const ModelRequest& request, Done done)
{
    QString base = request.baseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    const QUrl url(base + QStringLiteral("/chat/completions"));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        // Still asynchronous, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done({ModelOutcome::Kind::Failed, {}, QStringLiteral("the model base URL is not valid")});
            },
            Qt::QueuedConnection);
        return;
    }
    HttpRequest http;
    http.verb = "POST";
    http.url = url;
    http.header("Content-Type", "application/json");
    if (!request.apiKey.isEmpty())
        http.header("Authorization", "Bearer " + request.apiKey.toUtf8());
    http.body = requestBody(request);
    // A model is silent while it thinks, so no byte moves for as long as the timeout allows.
    http.deadline = std::chrono::milliseconds(request.timeoutMs);
    http.transferTimeout = http.deadline;

    QPointer<ChatCompletionsClient> self(this);
    m_limit.run([self, http = std::move(http),
                 done = std::move(done)](ConcurrencyLimit::Release release) mutable {
        if (!self)
            return; // destroyed while the call waited
        self->m_http.send(std::move(http), self, [release, done = std::move(done)](const HttpResult& result) {
            release(); // the next waiting call may go
            ModelOutcome outcome;
            // A deadline can cut an answer whose headers said 200: a failure too.
            if (result.status == 0 || result.failure != HttpResult::Failure::None)
                outcome = {ModelOutcome::Kind::Failed, {}, result.describe()};
            else
                outcome = interpret(result.status, result.body);
            if (outcome.kind == ModelOutcome::Kind::Failed || outcome.kind == ModelOutcome::Kind::NoQuota)
                qCInfo(lcModel) << "model call failed:" << outcome.detail;
            done(outcome);
        });
    });
}

} // namespace zapito
