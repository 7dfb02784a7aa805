// SPDX-License-Identifier: Apache-2.0
#include "httpexchange.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace zapito {

QString HttpResult::describe() const
{
    if (timedOut)
        return QStringLiteral("no answer in time");
    if (canceled)
        return QStringLiteral("canceled");
    if (status > 0)
        return QStringLiteral("HTTP %1").arg(status);
    switch (networkError) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QStringLiteral("no answer in time");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed");
    default:
        return QStringLiteral("network error %1").arg(int(networkError));
    }
}

QPointer<QNetworkReply> sendHttp(QNetworkAccessManager& manager, QNetworkRequest request,
                                 const QByteArray& verb, const QByteArray& body, int deadlineMs,
                                 std::function<void(HttpResult)> done)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(deadlineMs);
    QNetworkReply* reply = manager.sendCustomRequest(request, verb, body);

    struct State
    {
        bool timedOut = false;
        bool finished = false;
    };
    auto state = std::make_shared<State>();
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = true;
        reply->abort();
    });
    deadline->start(deadlineMs);

    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, state, done = std::move(done)] {
        if (state->finished)
            return;
        state->finished = true;
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.networkError = reply->error();
        if (reply->isOpen())
            result.body = reply->readAll();
        result.timedOut = state->timedOut;
        // A transfer timeout also surfaces as OperationCanceledError; only an explicit abort
        // without a deadline is a cancellation.
        result.canceled = !state->timedOut && reply->error() == QNetworkReply::OperationCanceledError &&
                          reply->property("zapitoCanceled").toBool();
        if (reply->error() == QNetworkReply::OperationCanceledError && !result.canceled)
            result.timedOut = true;
        if (result.networkError != QNetworkReply::NoError || result.status < 200 || result.status >= 300)
            result.errorText = result.describe();
        reply->deleteLater();
        done(result);
    });
    return reply;
}

void cancelHttp(const QPointer<QNetworkReply>& reply)
{
    if (!reply)
        return;
    reply->setProperty("zapitoCanceled", true);
    reply->abort();
}

} // namespace zapito
