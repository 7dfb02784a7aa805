// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

namespace zapito::bench {

// A minimal HTTP/1.1 sink on 127.0.0.1 for the webhook figures: one epoll thread, keep-alive,
// answers every complete request 200 at once and notes when it arrived. Far cheaper than any
// client it is measured with, so the client is what the figure shows.
class HttpSink final
{
public:
    HttpSink();
    ~HttpSink();
    HttpSink(const HttpSink&) = delete;
    HttpSink& operator=(const HttpSink&) = delete;

    bool start(); // binds an ephemeral port and starts the thread
    quint16 port() const { return m_port; }
    QByteArray url() const;

    // Complete requests received so far, and the steady-clock time (ns) the last one completed.
    std::int64_t requests() const { return m_requests.load(std::memory_order_acquire); }
    std::int64_t lastArrivalNs() const { return m_lastArrivalNs.load(std::memory_order_acquire); }
    // The last request received (head and body), for a signature check.
    QByteArray lastRequest() const;

private:
    void loop();

    int m_listen = -1;
    int m_epoll = -1;
    int m_wake = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_requests{0};
    std::atomic<std::int64_t> m_lastArrivalNs{0};
    mutable std::mutex m_lastMutex;
    QByteArray m_last;
};

} // namespace zapito::bench
