// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace zapito::bench {

// The clients the dispatcher is measured against: a raw kept-alive socket (the least any client
// can do per request), a sequential loop of `curl` processes and `wrk`.

// "sha256=" value of X-Zapito-Signature, computed with OpenSSL's one-shot HMAC().
QByteArray rawHmacHex(const QByteArray& secret, const QByteArray& body);

class RawClient final
{
public:
    explicit RawClient(quint16 port);
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;
    bool isConnected() const { return m_fd >= 0; }
    // Signs and writes one POST; the caller waits for the sink to count it.
    void send(const QByteArray& secret, const QByteArray& body);
    // Reads whatever answers arrived, so the socket buffer never fills.
    void drain();

private:
    int m_fd = -1;
};

// Requests per second of `requests` sequential `curl` processes posting `bodyFile`; -1 on failure.
double curlLoop(const QString& url, const QString& bodyFile, const QByteArray& signature, int requests);
// Requests per second `wrk -t1 -c16 -d3s` reaches with the POST described in `luaFile`; -1 on failure.
double wrk(const QString& url, const QString& luaFile);

} // namespace zapito::bench
