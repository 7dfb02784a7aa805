// SPDX-License-Identifier: Apache-2.0
#include "baselineclients.h"

#include <QProcess>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

namespace zapito::bench {

namespace {
double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
} // namespace

QByteArray rawHmacHex(const QByteArray& secret, const QByteArray& body)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.constData(), int(secret.size()),
         reinterpret_cast<const unsigned char*>(body.constData()), std::size_t(body.size()), mac, &length);
    return QByteArray(reinterpret_cast<const char*>(mac), int(length)).toHex();
}

RawClient::RawClient(quint16 port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawClient::~RawClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void RawClient::send(const QByteArray& secret, const QByteArray& body)
{
    const QByteArray request = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                               "X-Zapito-Event: lead.handoff\r\nX-Zapito-Signature: sha256=" +
                               rawHmacHex(secret, body) +
                               "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    (void)::write(m_fd, request.constData(), std::size_t(request.size()));
}

void RawClient::drain()
{
    char buffer[4096];
    (void)::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
}

double curlLoop(const QString& url, const QString& bodyFile, const QByteArray& signature, int requests)
{
    const QString script =
        QStringLiteral(
            "for i in $(seq %1); do curl -s -o /dev/null -H 'Content-Type: application/json' "
            "-H 'X-Zapito-Event: lead.handoff' -H 'X-Zapito-Signature: %2' --data-binary @'%3' '%4' "
            "|| exit 1; done")
            .arg(requests)
            .arg(QString::fromLatin1(signature), bodyFile, url);
    QProcess shell;
    const auto start = std::chrono::steady_clock::now();
    shell.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    if (!shell.waitForFinished(300'000) || shell.exitCode() != 0)
        return -1;
    return requests / secondsSince(start);
}

double wrk(const QString& url, const QString& luaFile)
{
    QProcess process;
    process.start(QStringLiteral("wrk"), {QStringLiteral("-t1"), QStringLiteral("-c16"),
                                          QStringLiteral("-d3s"), QStringLiteral("-s"), luaFile, url});
    if (!process.waitForFinished(60'000) || process.exitCode() != 0)
        return -1;
    const QByteArray out = process.readAllStandardOutput();
    const qsizetype at = out.indexOf("Requests/sec:");
    return at < 0 ? -1 : out.mid(at + 13).trimmed().split('\n').value(0).trimmed().toDouble();
}

} // namespace zapito::bench
