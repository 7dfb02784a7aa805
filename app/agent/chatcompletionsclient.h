// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "concurrencylimit.h"
#include "domain.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace zapito {

class HttpClient;

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
    int timeoutMs = 60'000;    // from the moment the request is sent, not from complete()
};

// A client for OpenAI-compatible POST {base}/chat/completions with function calling: the
// model is offered a `request_human` tool, so it can ask for a person instead of answering.
// At most maxConcurrentCalls() calls are at the provider at a time, the others wait in order
// of arrival; a call's timeout starts when its request is sent, so waiting never turns a slow
// answer into a timeout.
class ChatCompletionsClient final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultMaxConcurrentCalls = 4;

    explicit ChatCompletionsClient(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatCompletionsClient)

    using Done = std::function<void(ModelOutcome)>;
    // Calls `done` exactly once, later, on this object's thread (not at all once it is destroyed).
    void complete(const ModelRequest& request, Done done);

    void setMaxConcurrentCalls(int count) { m_limit.setLimit(count); }
    int maxConcurrentCalls() const { return m_limit.limit(); }
    // Calls at the provider, and those waiting for a slot.
    int callsInFlight() const { return m_limit.running(); }
    int callsWaiting() const { return m_limit.waiting(); }

    // The JSON body sent for `request` (exposed for tests).
    static QByteArray requestBody(const ModelRequest& request);
    // Reads an answer (status and body) into an outcome (exposed for tests).
    static ModelOutcome interpret(int httpStatus, const QByteArray& body);

private:
    HttpClient& m_http;
    ConcurrencyLimit m_limit{kDefaultMaxConcurrentCalls};
};

} // namespace zapito
