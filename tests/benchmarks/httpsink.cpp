// SPDX-License-Identifier: Apache-2.0
#include "httpsink.h"

#include <QHash>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace zapito::bench {

namespace {

constexpr char kAnswer[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Length of the first complete request in `buffer`, or 0 when more bytes are needed.
qsizetype completeRequest(const QByteArray& buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    qsizetype length = 0;
    const QByteArray head = buffer.left(headEnd).toLower();
    const qsizetype at = head.indexOf("\r\ncontent-length:");
    if (at >= 0) {
        const qsizetype valueStart = at + 17;
        const qsizetype valueEnd = head.indexOf("\r\n", valueStart);
        length = head.mid(valueStart, valueEnd < 0 ? -1 : valueEnd - valueStart).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + length;
    return buffer.size() >= total ? total : 0;
}

} // namespace

HttpSink::HttpSink() = default;

HttpSink::~HttpSink()
{
    m_stop = true;
    if (m_wake >= 0) {
        const std::uint64_t one = 1;
        (void)::write(m_wake, &one, sizeof one);
    }
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : {m_listen, m_epoll, m_wake})
        if (fd >= 0)
            ::close(fd);
}

QByteArray HttpSink::url() const
{
    return "http://127.0.0.1:" + QByteArray::number(m_port) + "/hook";
}

QByteArray HttpSink::lastRequest() const
{
    std::lock_guard lock(m_lastMutex);
    return m_last;
}

bool HttpSink::start()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(m_listen, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listen, 1024) != 0)
        return false;
    socklen_t length = sizeof address;
    ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    for (int fd : {m_listen, m_wake}) {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    m_thread = std::thread([this] { loop(); });
    return true;
}

void HttpSink::loop()
{
    QHash<int, QByteArray> buffers;
    epoll_event events[64];
    char chunk[65536];
    while (!m_stop) {
        const int ready = ::epoll_wait(m_epoll, events, 64, 200);
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_wake)
                continue;
            if (fd == m_listen) {
                int client;
                while ((client = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    const int on = 1;
                    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    epoll_event event{};
                    event.events = EPOLLIN | EPOLLRDHUP;
                    event.data.fd = client;
                    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, client, &event);
                    buffers.insert(client, {});
                }
                continue;
            }
            QByteArray& buffer = buffers[fd];
            bool closed = false;
            for (;;) {
                const ssize_t n = ::read(fd, chunk, sizeof chunk);
                if (n > 0) {
                    buffer.append(chunk, n);
                    continue;
                }
                closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
                break;
            }
            qsizetype used;
            while ((used = completeRequest(buffer)) > 0) {
                const std::int64_t at = nowNs();
                {
                    std::lock_guard lock(m_lastMutex);
                    m_last = buffer.left(used);
                }
                buffer.remove(0, used);
                m_lastArrivalNs.store(at, std::memory_order_release);
                m_requests.fetch_add(1, std::memory_order_acq_rel);
                (void)::write(fd, kAnswer, sizeof kAnswer - 1); // small enough for the socket buffer
            }
            if (closed) {
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
                ::close(fd);
                buffers.remove(fd);
            }
        }
    }
    for (auto it = buffers.cbegin(); it != buffers.cend(); ++it)
        ::close(it.key());
}

} // namespace zapito::bench
