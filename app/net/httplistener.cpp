// SPDX-License-Identifier: Apache-2.0
#include "httplistener.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace zapito {

namespace {

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
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

HttpListener::HttpListener(Handler handler, QObject* parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &HttpListener::onNewConnection);
}

HttpListener::~HttpListener() = default;

QString HttpListener::listen(const QHostAddress& address, quint16 port)
{
    close();
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
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        auto* deadline = new QTimer(socket);
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, [socket] { socket->abort(); });
        deadline->start(m_deadlineMs);
    }
}

void HttpListener::onReadyRead(QTcpSocket* socket)
{
    // Answered, or handed to the handler and waiting for its answer: the rest is not read.
    if (socket->property("answered").toBool() || socket->property("handled").toBool()) {
        socket->readAll();
        return;
    }
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > kMaxHeaderBytes)
            respond(socket, {431, "header too large\n"});
        else
            socket->setProperty("buffer", buffer);
        return;
    }
    if (headerEnd > kMaxHeaderBytes) {
        respond(socket, {431, "header too large\n"});
        return;
    }

    InboundHttpRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        respond(socket, {400, "bad request\n"});
        return;
    }
    request.method = requestLine[0];
    request.target = QUrl::fromEncoded(requestLine[1]);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    if (request.headers.contains("transfer-encoding")) {
        // Meta sends Content-Length; chunked bodies are not needed and not accepted.
        respond(socket, {400, "chunked bodies are not supported\n"});
        return;
    }
    bool ok = true;
    const qsizetype length = request.headers.contains("content-length")
                                 ? request.headers.value("content-length").toLongLong(&ok)
                                 : 0;
    if (!ok || length < 0) {
        respond(socket, {400, "bad content-length\n"});
        return;
    }
    if (length > kMaxBodyBytes) {
        respond(socket, {413, "body too large\n"});
        return;
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (buffer.size() - bodyStart < length) {
        socket->setProperty("buffer", buffer);
        return;
    }
    request.body = buffer.mid(bodyStart, length);
    socket->setProperty("handled", true);
    socket->setProperty("buffer", QByteArray());
    // The socket may be gone (deadline, client hung up) before a late answer; so may we.
    QPointer<HttpListener> self(this);
    QPointer<QTcpSocket> guard(socket);
    m_handler(request, [self, guard](const InboundHttpResponse& response) {
        if (self && guard && guard->state() == QAbstractSocket::ConnectedState &&
            !guard->property("answered").toBool())
            self->respond(guard, response);
    });
}

void HttpListener::respond(QTcpSocket* socket, const InboundHttpResponse& response)
{
    socket->setProperty("answered", true);
    socket->setProperty("buffer", QByteArray());
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
                     "\r\nContent-Type: " + response.contentType +
                     "\r\nContent-Length: " + QByteArray::number(response.body.size()) +
                     "\r\nConnection: close\r\n\r\n" + response.body;
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace zapito
