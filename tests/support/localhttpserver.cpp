// SPDX-License-Identifier: Apache-2.0
#include "localhttpserver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace zapito::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Decodes a chunked body; false while it is still incomplete.
bool dechunk(const QByteArray& data, qsizetype from, QByteArray* body)
{
    body->clear();
    qsizetype pos = from;
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return false;
        bool ok = false;
        const qsizetype size = data.mid(pos, lineEnd - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok)
            return true; // malformed: take what we have
        pos = lineEnd + 2;
        if (size == 0)
            return data.indexOf("\r\n", pos) >= 0; // (no trailers expected)
        if (data.size() < pos + size + 2)
            return false;
        body->append(data.mid(pos, size));
        pos += size + 2;
    }
}

} // namespace

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QList<QByteArray> RecordedRequest::headerNames() const
{
    QList<QByteArray> names;
    for (const auto& h : headers)
        names.append(h.first.toLower());
    return names;
}

ScriptedResponse ScriptedResponse::reply(int status, QByteArray body, HttpHeaders headers)
{
    ScriptedResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

ScriptedResponse ScriptedResponse::json(int status, QByteArray json)
{
    return reply(status, std::move(json), {{"Content-Type", "application/json"}});
}

ScriptedResponse ScriptedResponse::redirect(QByteArray location, int status)
{
    return reply(status, {}, {{"Location", std::move(location)}});
}

ScriptedResponse ScriptedResponse::hang()
{
    ScriptedResponse r;
    r.kind = Kind::Hang;
    return r;
}

ScriptedResponse ScriptedResponse::trickle(std::chrono::milliseconds interval)
{
    ScriptedResponse r;
    r.kind = Kind::Trickle;
    r.trickleInterval = interval;
    return r;
}

ScriptedResponse ScriptedResponse::closeEarly()
{
    ScriptedResponse r;
    r.kind = Kind::CloseEarly;
    return r;
}

ScriptedResponse ScriptedResponse::reset()
{
    ScriptedResponse r;
    r.kind = Kind::Reset;
    return r;
}

ScriptedResponse ScriptedResponse::defer()
{
    ScriptedResponse r;
    r.kind = Kind::Defer;
    return r;
}

ScriptedResponse ScriptedResponse::after(std::chrono::milliseconds wait) const
{
    ScriptedResponse r = *this;
    r.delay = wait;
    return r;
}

LocalHttpServer::LocalHttpServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LocalHttpServer::onNewConnection);
}

LocalHttpServer::~LocalHttpServer()
{
    close();
}

bool LocalHttpServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void LocalHttpServer::close()
{
    m_server->close();
    const auto sockets = findChildren<QTcpSocket*>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket* socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_buffers.clear();
}

bool LocalHttpServer::isListening() const
{
    return m_server->isListening();
}

QUrl LocalHttpServer::url(const QString& path) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_port);
    const qsizetype query = path.indexOf(u'?');
    u.setPath(query < 0 ? path : path.left(query));
    if (query >= 0)
        u.setQuery(path.mid(query + 1));
    return u;
}

void LocalHttpServer::enqueue(ScriptedResponse response)
{
    m_queue.append(std::move(response));
}

quint16 LocalHttpServer::unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void LocalHttpServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        ++m_connections;
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LocalHttpServer::onReadyRead(QTcpSocket* socket)
{
    if (!m_buffers.contains(socket)) {
        socket->readAll(); // the request was taken already; ignore what follows
        return;
    }
    QByteArray& data = m_buffers[socket];
    data.append(socket->readAll());
    const qsizetype headerEnd = data.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;

    RecordedRequest request;
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (request.header("Transfer-Encoding").toLower().contains("chunked")) {
        if (!dechunk(data, bodyStart, &request.body))
            return;
    } else {
        const qsizetype length = request.header("Content-Length").toLongLong();
        if (data.size() < bodyStart + length)
            return;
        request.body = data.mid(bodyStart, length);
    }
    m_buffers.remove(socket);

    m_requests.append(request);
    const int index = static_cast<int>(m_requests.size() - 1);
    ScriptedResponse response;
    if (!m_queue.isEmpty())
        response = m_queue.takeFirst();
    else if (m_handler)
        response = m_handler(request);
    else
        response = m_default;
    if (response.kind == ScriptedResponse::Kind::Defer)
        m_deferred.insert(index, socket);
    else
        act(socket, response);
    emit requestReceived(index);
}

bool LocalHttpServer::respond(int requestIndex, const ScriptedResponse& response)
{
    const QPointer<QTcpSocket> socket = m_deferred.take(requestIndex);
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    act(socket, response);
    return true;
}

void LocalHttpServer::act(QTcpSocket* socket, const ScriptedResponse& response)
{
    if (response.delay.count() <= 0) {
        actNow(socket, response);
        return;
    }
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(response.delay, this, [this, guard, response] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            actNow(guard, response);
    });
}

void LocalHttpServer::actNow(QTcpSocket* socket, const ScriptedResponse& response)
{
    using Kind = ScriptedResponse::Kind;
    switch (response.kind) {
    case Kind::Hang:
    case Kind::Defer:
        return;
    case Kind::CloseEarly:
        socket->disconnectFromHost();
        return;
    case Kind::Reset: {
        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        const linger hard{1, 0};
        ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        socket->abort();
        return;
    }
    case Kind::Trickle: {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n");
        auto* timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [socket] {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->write("x");
        });
        timer->start(response.trickleInterval);
        return;
    }
    case Kind::Reply:
        break;
    }
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bool hasType = false;
    for (const auto& [name, value] : response.headers) {
        hasType = hasType || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
        out += name + ": " + value + "\r\n";
    }
    if (!hasType && !response.body.isEmpty())
        out += "Content-Type: text/plain\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    out += response.body;
    socket->write(out);
    socket->disconnectFromHost(); // after the bytes are written
}

} // namespace zapito::test
