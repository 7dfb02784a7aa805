// SPDX-License-Identifier: Apache-2.0
#include "latencyproxy.h"

#include <QLocalSocket>
#include <QPointer>
#include <QTimer>

namespace zapito::bench {

namespace {
// Bytes read from `from` reach `to` `delay` later, in the order read (equal precise timers fire
// in the order they were started).
void relay(QLocalSocket* from, QLocalSocket* to, std::chrono::milliseconds delay, std::atomic<int>* bursts)
{
    QObject::connect(from, &QLocalSocket::readyRead, to, [from, to, delay, bursts] {
        const QByteArray bytes = from->readAll();
        if (bursts)
            ++*bursts;
        QTimer::singleShot(delay, Qt::PreciseTimer, to, [to, bytes] { to->write(bytes); });
    });
    QObject::connect(from, &QLocalSocket::disconnected, to, [to, delay] {
        QTimer::singleShot(delay, Qt::PreciseTimer, to, [to] { to->disconnectFromServer(); });
    });
}
} // namespace

LatencyProxy::LatencyProxy(QString serverSocket, std::chrono::milliseconds oneWay, QObject* parent)
    : QObject(parent)
    , m_serverSocket(std::move(serverSocket))
    , m_oneWay(oneWay)
    , m_server(this) // a child: it moves with the proxy to the proxy's thread
{
    connect(&m_server, &QLocalServer::newConnection, this, &LatencyProxy::accept);
}

bool LatencyProxy::listen(const QString& socketPath)
{
    QLocalServer::removeServer(socketPath);
    return m_server.listen(socketPath);
}

void LatencyProxy::accept()
{
    while (QLocalSocket* client = m_server.nextPendingConnection()) {
        auto* server = new QLocalSocket(client);
        relay(client, server, m_oneWay, &m_requests);
        relay(server, client, m_oneWay, nullptr);
        connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        server->connectToServer(m_serverSocket);
    }
}

} // namespace zapito::bench
