// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>

#include <functional>

namespace zapito {

// What the model said, reduced to what the agent needs.
struct ModelOutcome
{
    enum class Kind
    {
        Text,         // an answer for the customer in `text`
        RequestHuman, // the model called the request_human tool
        Failed,       // HTTP error, timeout, unparsable or empty answer; `detail` says which
        NoQuota,      // the provider says the account has no quota (402, 429 insufficient_quota)
    };
    Kind kind = Kind::Failed;
    QString text;
    QString detail; // for logs and the operator; never contains the API key
};

struct ModelRequest
{
    QString baseUrl; // e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1
    QString model;
    QString apiKey; // may be empty for a local server
    QString instructions;
    QList<Message> transcript; // oldest first
    int timeoutMs = 60'000;
};

// A client for OpenAI-compatible POST {base}/chat/completions with function calling: the
// model is offered a `request_human` tool, so it can ask for a person instead of answering.
class ChatCompletionsClient final : public QObject
{
    Q_OBJECT
public:
    explicit ChatCompletionsClient(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatCompletionsClient)

    using Done = std::function<void(ModelOutcome)>;
    // Calls `done` exactly once, later, on this object's thread.
    void complete(const ModelRequest& request, Done done);

    // The JSON body sent for `request` (exposed for tests).
    static QByteArray requestBody(const ModelRequest& request);
    // Reads an answer (status and body) into an outcome (exposed for tests).
    static ModelOutcome interpret(int httpStatus, const QByteArray& body);

private:
    QNetworkAccessManager m_network;
};

} // namespace zapito
