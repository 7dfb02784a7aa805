// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <chrono>

namespace zapito {

// One outbound HTTP request, as a value handed to HttpClient::send().
struct HttpRequest
{
    static constexpr qsizetype kDefaultMaxBodyBytes = 8 * 1024 * 1024;

    QByteArray verb = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; // raw, e.g. {"Content-Type", "application/json"}
    QByteArray body;
    // The whole exchange ends this long after the request was sent, whatever arrives by then (a
    // server that trickles bytes never trips a transfer timeout). Counted from the moment the
    // request went out, not from send(): time spent queued for a connection is not counted.
    std::chrono::milliseconds deadline{30'000};
    // Aborts when no byte moves for this long, connecting included; 0 means `deadline`.
    std::chrono::milliseconds transferTimeout{0};
    // Keeps at most this many bytes of the answer; the rest is read and dropped.
    qsizetype maxBodyBytes = kDefaultMaxBodyBytes;

    HttpRequest& header(QByteArray name, QByteArray value)
    {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }
};

} // namespace zapito
