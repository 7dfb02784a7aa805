// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httprequestparser.h"
#include "inboundhttprequest.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

namespace zapito {

struct InboundHttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "text/plain; charset=utf-8";
};

// A small HTTP/1.1 server for inbound webhooks (WhatsApp Cloud API), meant to sit behind a
// reverse proxy or tunnel that terminates TLS: one request per connection, read by
// HttpRequestParser. What a client can make it hold is bounded (Limits): connections, header
// and body bytes per connection, every connection's bytes together, and the time each phase
// may take. The excess is shed with 503 (Meta sends again later); a small request always finds
// room, since large bodies may not take the last `reservedBytes` of the budget. The handler
// answers through `respond`, at once or later (after a database commit, say).
class HttpListener final : public QObject
{
    Q_OBJECT
public:
    using Respond = std::function<void(const InboundHttpResponse&)>;
    // `respond` may be called once, now or later, on this thread; later calls are ignored. The
    // request (and its body) is released when the handler returns: copy what is kept.
    using Handler = std::function<void(const InboundHttpRequest&, Respond respond)>;

    struct Limits
    {
        int maxConnections = 256; // open at once; more are answered 503 and closed
        qsizetype maxHeaderBytes = 16 * 1024;
        qsizetype maxBodyBytes = 1024 * 1024;
        // Every connection's header and body bytes together (a body counts its whole declared
        // size from the moment it is admitted); a request that does not fit is answered 503.
        qsizetype maxBufferedBytes = 8 * 1024 * 1024;
        // Bodies over `largeBodyBytes` may not take the last `reservedBytes` of that budget, so
        // a flood of large bodies leaves room for the small ones Meta sends.
        qsizetype largeBodyBytes = 64 * 1024;
        qsizetype reservedBytes = 1024 * 1024;
        // From the connection to the end of the header block (slow-loris), from there to the
        // end of the body, and for the handler's answer; a request late on the first two is
        // answered 408, one the handler has not answered 503.
        std::chrono::milliseconds headerDeadline{10'000};
        std::chrono::milliseconds bodyDeadline{20'000};
        std::chrono::milliseconds answerDeadline{20'000};
    };

    explicit HttpListener(Handler handler, QObject* parent = nullptr);
    ~HttpListener() override;
    Q_DISABLE_COPY_MOVE(HttpListener)

    // Empty on success, else why listening failed ("address in use", …). Port 0 picks one.
    QString listen(const QHostAddress& address, quint16 port);
    // Stops accepting; the connections already open go on to their answer.
    void close();
    bool isListening() const;
    quint16 port() const;

    // Applies to connections accepted from now on.
    void setLimits(const Limits& limits) { m_limits = limits; }
    const Limits& limits() const { return m_limits; }

    // What the connections hold now, as counted against maxBufferedBytes, and the most they
    // held since listen(); the open connections.
    qsizetype bufferedBytes() const { return m_bufferedBytes; }
    qsizetype peakBufferedBytes() const { return m_peakBufferedBytes; }
    int connectionCount() const { return int(m_connections.size()); }

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(quint64 id);
    void onDeadline(quint64 id);
    void handOver(Connection& connection);
    void respond(Connection& connection, const InboundHttpResponse& response);
    void drop(quint64 id);
    bool charge(Connection& connection, qsizetype total, bool mayUseReserve);

    Handler m_handler;
    QTcpServer* m_server;
    Limits m_limits;
    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
    quint64 m_lastId = 0;
    qsizetype m_bufferedBytes = 0;
    qsizetype m_peakBufferedBytes = 0;
};

} // namespace zapito
