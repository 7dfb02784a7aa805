// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QPointer>
#include <QString>

#include <functional>

class QNetworkAccessManager;
class QNetworkRequest;

namespace zapito {

// What came back from one HTTP exchange: a status (0 when no HTTP answer arrived), the body,
// and for failures a short text that never contains the URL (it may hold a bot token).
struct HttpResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorText;
    bool timedOut = false;
    bool canceled = false;

    bool isSuccess() const { return networkError == QNetworkReply::NoError && status >= 200 && status < 300; }
    // A readable summary for status lines: "HTTP 500", "timed out", "connection refused", …
    QString describe() const;
};

// Sends one request on the service's own QNetworkAccessManager with the project's network
// rules: a transfer timeout, a hard total deadline (a trickling server never trips the
// transfer timeout), and no redirects followed (a 3xx is returned as the answer).
// `done` is called exactly once, later, on the manager's thread; never synchronously.
// The returned reply may be aborted to cancel (done then sees canceled = true).
QPointer<QNetworkReply> sendHttp(QNetworkAccessManager& manager, QNetworkRequest request,
                                 const QByteArray& verb, const QByteArray& body, int deadlineMs,
                                 std::function<void(HttpResult)> done);

// Aborts a request sent with sendHttp(); its `done` sees canceled = true.
void cancelHttp(const QPointer<QNetworkReply>& reply);

} // namespace zapito
