// SPDX-License-Identifier: Apache-2.0
#include "httplistener.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace zapito {

namespace {

// What Qt may hold per socket before we read it, and what one read takes.
constexpr qint64 kSocketBufferBytes = 64 * 1024;
constexpr qint64 kReadChunkBytes = 16 * 1024;
// How long an answered or refused connection may take to flush its answer and close.
constexpr int kLingerMs = 5'000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

QByteArray serialized(const InboundHttpResponse& response)
{
    return "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
           "\r\nContent-Type: " + response.contentType +
           "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
           "\r\nConnection: close\r\n\r\n" + response.body;
}

// Answers a client whose request was not read to its end and closes without losing the answer:
// closing with unread bytes would make the kernel reset the connection, and a reset can discard
// the answer before the client reads it. So the answer goes out, then our side of the
// connection is shut (the client reads the answer and end of file), and whatever it still
// sends is read and dropped until it closes or the caller's deadline aborts it.
void answerAndHalfClose(QTcpSocket* socket, const QByteArray& answer)
{
    auto shutWhenFlushed = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, shutWhenFlushed);
    socket->write(answer);
    socket->flush();
    shutWhenFlushed();
}

} // namespace

struct HttpListener::Connection
{
    enum class Phase
    {
        Head,    // reading the header block
        Body,    // admitted, reading the body
        Handler, // handed over, waiting for the answer
        Answered // answer written, closing
    };

    Connection(quint64 id, QTcpSocket* socket, const Limits& limits)
        : id(id)
        , socket(socket)
        , parser({limits.maxHeaderBytes, limits.maxBodyBytes})
        , deadline(new QTimer(socket)) // lives as long as the socket, which is deleted later
    {
        deadline->setSingleShot(true);
    }

    quint64 id;
    QTcpSocket* socket; // a child of the server; deleted later once dropped
    HttpRequestParser parser;
    QTimer* deadline; // the current phase's
    Phase phase = Phase::Head;
    qsizetype charged = 0; // this connection's share of m_bufferedBytes
};

HttpListener::HttpListener(Handler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpListener::onNewConnection);
}

// The sockets go with the server (its children); QObject severs their connections to this
// listener before that, and a late `respond` finds the listener gone.
HttpListener::~HttpListener() = default;

QString HttpListener::listen(const QHostAddress& address, quint16 port)
{
    close();
    m_peakBufferedBytes = m_bufferedBytes;
    // A burst of connections waits in the kernel rather than being refused before we see it.
    m_server->setListenBacklogSize(std::max(50, m_limits.maxConnections));
    if (!m_server->listen(address, port))
        return m_server->errorString();
    return {};
}

void HttpListener::close()
{
    m_server->close();
}

bool HttpListener::isListening() const
{
    return m_server->isListening();
}

quint16 HttpListener::port() const
{
    return m_server->serverPort();
}

void HttpListener::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setReadBufferSize(kSocketBufferBytes);
        if (connectionCount() >= m_limits.maxConnections) {
            // Shed at once: not tracked, what it sends is dropped, closed once it has the answer.
            connect(socket, &QTcpSocket::readyRead, socket,
                    [socket] { socket->skip(socket->bytesAvailable()); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
            answerAndHalfClose(socket, serialized({503, "too many connections, try again later\n"}));
            continue;
        }
        const quint64 id = ++m_lastId;
        auto connection = std::make_unique<Connection>(id, socket, m_limits);
        connect(connection->deadline, &QTimer::timeout, this, [this, id] { onDeadline(id); });
        connect(socket, &QTcpSocket::readyRead, this, [this, id] { onReadyRead(id); });
        connect(socket, &QTcpSocket::disconnected, this, [this, id] { drop(id); });
        connection->deadline->start(m_limits.headerDeadline);
        m_connections.emplace(id, std::move(connection));
        if (socket->state() != QAbstractSocket::ConnectedState)
            drop(id); // gone before we got to it
        else if (socket->bytesAvailable() > 0)
            onReadyRead(id);
    }
}

bool HttpListener::charge(Connection& connection, qsizetype total, bool mayUseReserve)
{
    const qsizetype delta = total - connection.charged;
    const qsizetype limit = m_limits.maxBufferedBytes - (mayUseReserve ? 0 : m_limits.reservedBytes);
    if (delta > 0 && m_bufferedBytes + delta > limit)
        return false;
    m_bufferedBytes += delta;
    connection.charged = total;
    m_peakBufferedBytes = std::max(m_peakBufferedBytes, m_bufferedBytes);
    return true;
}

// Whatever may close the socket (respond, the handler) can drop the connection at once: after
// such a call only the id is used again.
void HttpListener::onReadyRead(quint64 id)
{
    char buffer[kReadChunkBytes];
    for (;;) {
        const auto found = m_connections.find(id);
        if (found == m_connections.end())
            return;
        Connection& c = *found->second;
        const qint64 read = c.socket->read(buffer, sizeof buffer);
        if (read <= 0)
            return;
        if (c.phase == Connection::Phase::Handler || c.phase == Connection::Phase::Answered)
            continue; // one request per connection: what follows it is not read
        QByteArrayView rest(buffer, read);
        while (!rest.isEmpty()) {
            HttpRequestParser& parser = c.parser;
            if (c.phase == Connection::Phase::Head) {
                // Counted before it is held: the header bytes this read can add.
                const qsizetype most =
                    std::min(m_limits.maxHeaderBytes, parser.headerBytes() + qsizetype(rest.size()));
                if (!charge(c, most, true)) {
                    respond(c, {503, "busy, try again later\n"});
                    return;
                }
            }
            const HttpRequestParser::Step step = parser.feed(rest);
            rest = rest.sliced(step.consumed);
            switch (step.progress) {
            case HttpRequestParser::Progress::Failed:
                respond(c, {parser.errorStatus(), parser.errorText()});
                return;
            case HttpRequestParser::Progress::NeedsMore:
                if (c.phase == Connection::Phase::Head)
                    charge(c, parser.headerBytes(), true); // never more than counted above
                break;
            case HttpRequestParser::Progress::HeadersComplete: {
                // The whole declared body is counted now, before any of it is held.
                const bool large = parser.contentLength() > m_limits.largeBodyBytes;
                if (!charge(c, parser.headerBytes() + parser.contentLength(), !large)) {
                    respond(c, {503, "busy, try again later\n"});
                    return;
                }
                if (parser.expectsContinue())
                    c.socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                c.phase = Connection::Phase::Body;
                c.deadline->start(m_limits.bodyDeadline);
                break;
            }
            case HttpRequestParser::Progress::Complete:
                handOver(c);
                return;
            }
        }
    }
}

void HttpListener::handOver(Connection& connection)
{
    const quint64 id = connection.id;
    connection.phase = Connection::Phase::Handler;
    connection.deadline->start(m_limits.answerDeadline);
    QPointer<HttpListener> self(this);
    {
        const InboundHttpRequest request = connection.parser.takeRequest();
        m_handler(request, [self, id](const InboundHttpResponse& response) {
            if (!self)
                return;
            const auto found = self->m_connections.find(id);
            if (found != self->m_connections.end() && found->second->phase == Connection::Phase::Handler)
                self->respond(*found->second, response);
        });
    } // the body is released here, so it no longer counts
    if (!self)
        return;
    if (const auto found = m_connections.find(id); found != m_connections.end())
        charge(*found->second, 0, true);
}

void HttpListener::respond(Connection& connection, const InboundHttpResponse& response)
{
    const bool wholeRequestRead = connection.phase == Connection::Phase::Handler;
    connection.phase = Connection::Phase::Answered; // from now on what arrives is dropped
    charge(connection, 0, true);
    connection.deadline->start(kLingerMs);
    QTcpSocket* socket = connection.socket;
    if (!wholeRequestRead) {
        answerAndHalfClose(socket, serialized(response));
        return;
    }
    socket->write(serialized(response));
    socket->disconnectFromHost(); // may drop the connection at once
}

void HttpListener::onDeadline(quint64 id)
{
    const auto found = m_connections.find(id);
    if (found == m_connections.end())
        return;
    Connection& c = *found->second;
    switch (c.phase) {
    case Connection::Phase::Head:
    case Connection::Phase::Body:
        respond(c, {408, "request not complete in time\n"});
        return;
    case Connection::Phase::Handler:
        respond(c, {503, "not answered in time, send it again\n"});
        return;
    case Connection::Phase::Answered:
        c.socket->abort(); // the client does not read its answer
        drop(id);
        return;
    }
}

void HttpListener::drop(quint64 id)
{
    const auto found = m_connections.find(id);
    if (found == m_connections.end())
        return;
    Connection& c = *found->second;
    m_bufferedBytes -= c.charged;
    c.deadline->stop();
    QObject::disconnect(c.socket, nullptr, this, nullptr);
    QObject::disconnect(c.deadline, nullptr, this, nullptr);
    c.socket->deleteLater(); // its deadline timer with it
    m_connections.erase(found);
}

} // namespace zapito
