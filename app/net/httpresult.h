// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace zapito {

// What came back from one HTTP exchange. `errorText` and describe() never contain the URL
// (a Telegram URL holds the bot token), nor anything the server sent but its status.
struct HttpResult
{
    // Why no (complete) answer arrived; None when one did, whatever its status.
    enum class Failure
    {
        None,
        ConnectionRefused,
        HostNotFound,
        ConnectionClosed, // the server closed or reset the connection
        TimedOut,         // the deadline or the transfer timeout
        Tls,              // handshake or certificate (never ignored)
        Canceled,         // HttpClient::cancel()
        BrokenAnswer,     // an answer began (a status came) but did not end well
        Other,
    };

    int status = 0; // 0 when no HTTP status line arrived
    QByteArray reasonPhrase;
    QByteArray location; // of a 3xx, which is never followed
    QByteArray body;     // at most HttpRequest::maxBodyBytes
    bool bodyTruncated = false;
    Failure failure = Failure::None;
    int networkError = 0;  // QNetworkReply::NetworkError, for the log
    qint64 durationMs = 0; // from the moment the request was sent (or started) to its end
    QString errorText;     // empty on a complete 2xx

    bool timedOut() const { return failure == Failure::TimedOut; }
    bool canceled() const { return failure == Failure::Canceled; }
    bool isSuccess() const { return failure == Failure::None && status >= 200 && status < 300; }
    // A short summary for logs and status lines: "HTTP 500", "no answer in time", "connection refused" …
    QString describe() const;
};

} // namespace zapito
