// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>

namespace zapito::bench {

// A PostgreSQL server farther away than the cluster's own unix socket: listens on a socket of
// its own (`<folder>/.s.PGSQL.<port>`, what libpq's host=<folder>&port=<port> connects to) and
// passes every byte on to the real one, each way after `oneWay`. Every statement then costs the
// round trip a server across a network does. Runs on the thread that makes it; used from a
// thread that does nothing else, so its own timers are never what is measured.
class LatencyProxy final : public QObject
{
    Q_OBJECT
public:
    LatencyProxy(QString serverSocket, std::chrono::milliseconds oneWay, QObject* parent = nullptr);
    // False with the reason in errorString() when the socket could not be made. Called before
    // the proxy moves to its thread (its server, a child, moves with it).
    bool listen(const QString& socketPath);
    QString errorString() const { return m_server.errorString(); }
    // What clients sent, counted in the bursts the proxy read: about one per statement, since
    // each statement waits for its answer before the next is written.
    int requests() const { return m_requests.load(); }

private:
    void accept();

    QString m_serverSocket;
    std::chrono::milliseconds m_oneWay;
    QLocalServer m_server;
    std::atomic<int> m_requests = 0; // read from the thread that measures
};

} // namespace zapito::bench
