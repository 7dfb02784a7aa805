// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QTcpServer;
class QTcpSocket;

namespace zapito::test {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the fake server received it: the raw body bytes, the headers as sent.
struct RecordedRequest
{
    QByteArray method;
    QByteArray path; // the request target, e.g. "/hook?x=1"
    HttpHeaders headers;
    QByteArray body; // de-chunked when sent chunked

    // The first header of that name (case-insensitive); empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Every header name, lower case, in the order received.
    QList<QByteArray> headerNames() const;
};

// What the fake server does with one request.
struct ScriptedResponse
{
    enum class Kind
    {
        Reply,      // status line, headers, body, then close
        Hang,       // never answer; keep the connection open
        Trickle,    // a 200 with a huge Content-Length, then one byte per interval forever
        CloseEarly, // close the connection without answering
        Reset,      // reset the connection (TCP RST) without answering
        Defer,      // answer later through LocalHttpServer::respond()
    };
    Kind kind = Kind::Reply;
    int status = 200;
    QByteArray body;
    HttpHeaders headers;
    std::chrono::milliseconds delay{0};             // wait this long before acting (Reply, CloseEarly, Reset)
    std::chrono::milliseconds trickleInterval{100}; // Trickle only

    static ScriptedResponse reply(int status, QByteArray body = {}, HttpHeaders headers = {});
    static ScriptedResponse json(int status, QByteArray json);
    static ScriptedResponse redirect(QByteArray location, int status = 301);
    static ScriptedResponse hang();
    static ScriptedResponse trickle(std::chrono::milliseconds interval = std::chrono::milliseconds(100));
    static ScriptedResponse closeEarly();
    static ScriptedResponse reset();
    static ScriptedResponse defer();
    ScriptedResponse after(std::chrono::milliseconds wait) const;
};

// A small HTTP/1.1 server on 127.0.0.1 for tests: records every request and answers each
// with the next scripted response, else the handler's answer, else the default (200, empty).
// One request per connection; every answer closes it. Stop listening (close()) to have
// connections refused, or point clients at unusedPort().
class LocalHttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

    explicit LocalHttpServer(QObject* parent = nullptr);
    ~LocalHttpServer() override;
    Q_DISABLE_COPY_MOVE(LocalHttpServer)

    // Listens on 127.0.0.1 (`port` 0 picks a free one).
    [[nodiscard]] bool listen(quint16 port = 0);
    // Stops listening and drops every connection; new connections are refused.
    void close();
    bool isListening() const;
    quint16 port() const { return m_port; }
    QUrl url(const QString& path = QStringLiteral("/")) const;

    void enqueue(ScriptedResponse response);
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setDefaultResponse(ScriptedResponse response) { m_default = std::move(response); }

    const QList<RecordedRequest>& requests() const { return m_requests; }
    int requestCount() const { return static_cast<int>(m_requests.size()); }
    RecordedRequest lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    void clearRequests() { m_requests.clear(); }
    // Connections accepted so far (a client that connects and sends nothing counts too).
    int connectionCount() const { return m_connections; }

    // Answers a request that got ScriptedResponse::defer(); false when its connection is gone.
    bool respond(int requestIndex, const ScriptedResponse& response);

    // A port on 127.0.0.1 that nothing listens on right now.
    static quint16 unusedPort();

signals:
    void requestReceived(int requestIndex);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void act(QTcpSocket* socket, const ScriptedResponse& response);
    void actNow(QTcpSocket* socket, const ScriptedResponse& response);

    QTcpServer* m_server;
    quint16 m_port = 0;
    QList<RecordedRequest> m_requests;
    QList<ScriptedResponse> m_queue;
    Handler m_handler;
    ScriptedResponse m_default;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<int, QPointer<QTcpSocket>> m_deferred;
    int m_connections = 0;
};

} // namespace zapito::test
