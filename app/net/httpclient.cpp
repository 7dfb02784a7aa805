// SPDX-License-Identifier: Apache-2.0
#include "httpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThreadStorage>
#include <QTimer>

namespace zapito {

namespace {

QString hostKey(const QUrl& url)
{
    return url.scheme() + QStringLiteral("://") + url.host() + u':' +
           QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

// An error Qt reports only because of the status the server sent (404, 500 …): the answer
// itself arrived complete.
bool mirrorsStatus(QNetworkReply::NetworkError error)
{
    const int code = int(error);
    return (code >= QNetworkReply::ContentAccessDenied && code <= QNetworkReply::UnknownContentError) ||
           (code >= QNetworkReply::InternalServerError && code <= QNetworkReply::UnknownServerError);
}

HttpResult::Failure failureOf(QNetworkReply::NetworkError error, int status, bool timedOut, bool canceled)
{
    using F = HttpResult::Failure;
    // Qt's own transfer timeout aborts the reply, which then reads as canceled.
    if (timedOut || error == QNetworkReply::TimeoutError ||
        (error == QNetworkReply::OperationCanceledError && !canceled))
        return F::TimedOut;
    if (canceled)
        return F::Canceled;
    if (error == QNetworkReply::NoError || (status > 0 && mirrorsStatus(error)))
        return F::None;
    if (status > 0)
        return F::BrokenAnswer;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return F::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return F::HostNotFound;
    case QNetworkReply::RemoteHostClosedError:
        return F::ConnectionClosed;
    case QNetworkReply::SslHandshakeFailedError:
        return F::Tls;
    default:
        return F::Other;
    }
}

} // namespace

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects are refused per request as well; this is the default for anything else.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpClient::~HttpClient()
{
    for (Call& call : m_calls) {
        if (call.reply) {
            call.reply->disconnect(this);
            call.reply->abort();
        }
    }
}

HttpClient& HttpClient::forCurrentThread()
{
    // QThreadStorage deletes a thread's client when the thread ends, and the main thread's
    // when the QCoreApplication is destroyed.
    static QThreadStorage<HttpClient*> clients;
    if (!clients.hasLocalData())
        clients.setLocalData(new HttpClient);
    return *clients.localData();
}

int HttpClient::inFlight() const
{
    int count = 0;
    for (const Host& host : m_hosts)
        count += host.active;
    return count;
}

int HttpClient::waiting() const
{
    int count = 0;
    for (const Host& host : m_hosts)
        count += int(host.waiting.size());
    return count;
}

HttpClient::Id HttpClient::send(HttpRequest request, QObject* context, Done done)
{
    const Id id = ++m_nextId;
    Call call;
    call.host = hostKey(request.url);
    call.request = std::move(request);
    call.done = std::move(done);
    if (context) {
        call.context = context;
        call.hasContext = true;
        call.contextGone = connect(context, &QObject::destroyed, this, [this, id] { drop(id); });
    }
    const QUrl url = call.request.url;
    const QString host = call.host;
    m_calls.insert(id, std::move(call));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        HttpResult result;
        result.failure = HttpResult::Failure::Other;
        result.errorText = QStringLiteral("not an http or https URL");
        finishLater(id, result);
        return id;
    }
    m_hosts[host].waiting.enqueue(id);
    startWaiting(host);
    return id;
}

void HttpClient::cancel(Id id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    if (!it->reply) { // still waiting for a connection, or already finishing
        m_hosts[it->host].waiting.removeOne(id);
        HttpResult result;
        result.failure = HttpResult::Failure::Canceled;
        result.errorText = result.describe();
        finishLater(id, result);
        return;
    }
    it->canceled = true;
    it->reply->abort(); // finishes at once; onFinished() defers `done`
}

void HttpClient::startWaiting(const QString& hostName)
{
    Host& host = m_hosts[hostName];
    while (host.active < m_maxPerHost && !host.waiting.isEmpty()) {
        ++host.active;
        start(host.waiting.dequeue());
    }
}

void HttpClient::start(Id id)
{
    Call& call = m_calls[id];
    const HttpRequest& r = call.request;
    QNetworkRequest request(r.url);
    // A 3xx is the answer: following it would send the request somewhere nobody configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(int((r.transferTimeout.count() > 0 ? r.transferTimeout : r.deadline).count()));
    for (const auto& [name, value] : r.headers)
        request.setRawHeader(name, value);

    QNetworkReply* reply = nullptr;
    if (r.verb == "GET")
        reply = m_network->get(request);
    else if (r.verb == "POST")
        reply = m_network->post(request, r.body);
    else if (r.verb == "PUT")
        reply = m_network->put(request, r.body);
    else
        reply = m_network->sendCustomRequest(request, r.verb, r.body);
    call.reply = reply;
    call.started.start();

    // The hard deadline: setTransferTimeout restarts with every byte, so a server that trickles
    // would never trip it. Armed when the request has gone out, so waiting for a connection
    // (Qt's queue, or ours) never eats into it.
    call.deadline = new QTimer(reply);
    call.deadline->setSingleShot(true);
    connect(call.deadline, &QTimer::timeout, this, [this, id] {
        auto it = m_calls.find(id);
        if (it == m_calls.end() || !it->reply)
            return;
        it->timedOut = true;
        it->reply->abort();
    });
    connect(reply, &QNetworkReply::requestSent, this, [this, id] { onSent(id); });
    connect(reply, &QNetworkReply::readyRead, this, [this, id] { onReadyRead(id); });
    connect(reply, &QNetworkReply::finished, this, [this, id] { onFinished(id); });
}

void HttpClient::onSent(Id id)
{
    auto it = m_calls.find(id);
    // Qt sends a request again by itself when the connection closed before any answer; the
    // deadline still counts from the first time.
    if (it == m_calls.end() || it->sent.isValid())
        return;
    it->sent.start();
    it->deadline->start(it->request.deadline);
}

void HttpClient::onReadyRead(Id id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end() || !it->reply)
        return;
    QByteArray& body = it->result.body;
    const qsizetype room = it->request.maxBodyBytes - body.size();
    if (room > 0)
        body.append(it->reply->read(room));
    // Beyond the cap the answer is read and dropped, so it neither grows nor stalls.
    if (it->reply->bytesAvailable() > 0) {
        it->result.bodyTruncated = true;
        it->reply->skip(it->reply->bytesAvailable());
    }
}

void HttpClient::onFinished(Id id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end() || !it->reply)
        return;
    onReadyRead(id); // whatever arrived with the end
    QNetworkReply* reply = it->reply;
    HttpResult result = std::move(it->result);
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.status = status.isValid() ? status.toInt() : 0;
    result.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    if (result.status >= 300 && result.status < 400)
        result.location = reply->rawHeader("Location");
    result.networkError = int(reply->error());
    result.failure = failureOf(reply->error(), result.status, it->timedOut, it->canceled);
    result.durationMs = it->sent.isValid() ? it->sent.elapsed() : it->started.elapsed();
    if (!result.isSuccess())
        result.errorText = result.describe();
    const bool canceled = it->canceled;
    release(*it);
    reply->deleteLater();

    if (canceled) { // finished inside cancel(): `done` must not run inside its caller
        finishLater(id, std::move(result));
        return;
    }
    Call call = m_calls.take(id);
    if (call.hasContext && !call.context)
        return;
    call.done(result);
}

void HttpClient::drop(Id id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    if (it->reply) {
        QNetworkReply* reply = it->reply;
        reply->disconnect(this);
        release(*it);
        reply->abort();
        reply->deleteLater();
    } else {
        m_hosts[it->host].waiting.removeOne(id);
    }
    m_calls.remove(id);
}

void HttpClient::release(Call& call)
{
    disconnect(call.contextGone);
    call.reply.clear();
    Host& host = m_hosts[call.host];
    --host.active;
    // The next request for this host starts once the event loop runs again, after the
    // caller's `done`, so that an answer is never overtaken by the next request's start.
    QMetaObject::invokeMethod(
        this, [this, name = call.host] { startWaiting(name); }, Qt::QueuedConnection);
}

void HttpClient::finishLater(Id id, HttpResult result)
{
    QMetaObject::invokeMethod(
        this,
        [this, id, result = std::move(result)] {
            auto it = m_calls.find(id);
            if (it == m_calls.end())
                return;
            Call call = m_calls.take(id);
            disconnect(call.contextGone);
            if (call.hasContext && !call.context)
                return;
            call.done(result);
        },
        Qt::QueuedConnection);
}

} // namespace zapito
