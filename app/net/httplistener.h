// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace zapito {

struct InboundHttpRequest
{
    QByteArray method;
    QUrl target;                           // path and query as sent
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;                       // the raw bytes, as signed by the sender
};

struct InboundHttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "text/plain; charset=utf-8";
};

// A small HTTP/1.1 server for inbound webhooks (WhatsApp Cloud API): one request per
// connection, bounded header and body sizes, and a deadline per connection so a slow or
// silent client cannot hold a socket. It is meant to sit behind a reverse proxy or tunnel
// that terminates TLS. The handler answers through `respond`, at once or later (after a
// database commit, say); a connection whose deadline passes first is closed unanswered.
class HttpListener final : public QObject
{
    Q_OBJECT
public:
    using Respond = std::function<void(const InboundHttpResponse&)>;
    // `respond` may be called once, now or later, on this thread; later calls are ignored.
    using Handler = std::function<void(const InboundHttpRequest&, Respond respond)>;
    static constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    explicit HttpListener(Handler handler, QObject* parent = nullptr);
    ~HttpListener() override;
    Q_DISABLE_COPY_MOVE(HttpListener)

    // Empty on success, else why listening failed ("address in use", …). Port 0 picks one.
    QString listen(const QHostAddress& address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;
    void setConnectionDeadline(int ms) { m_deadlineMs = ms; }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const InboundHttpResponse& response);

    Handler m_handler;
    QTcpServer* m_server;
    int m_deadlineMs = 10'000;
};

} // namespace zapito
