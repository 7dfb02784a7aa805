// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httprequest.h"
#include "httpresult.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QQueue>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace zapito {

// The one way out to HTTP servers. Callers hand it a request value and get done(HttpResult)
// exactly once, later (never inside send()), on the client's thread. Behind it, one
// QNetworkAccessManager per thread (forCurrentThread()), and the project's network rules for
// every request: redirects are never followed (a 3xx is the answer), TLS errors are never
// ignored, a transfer timeout plus a hard deadline counted from the moment the request is sent
// (QNetworkReply::requestSent), and errors that never contain the URL.
//
// At most maxConnectionsPerHost() requests per host are handed to Qt at a time, the rest wait
// here in order. Qt would queue them itself, but its transfer timeout would then count the
// wait; here a waiting request has started no clock at all.
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const HttpResult& result)>;
    using Id = quint64;
    // What Qt opens per host over HTTP/1.1; more would only queue inside Qt.
    static constexpr int kDefaultMaxConnectionsPerHost = 6;

    explicit HttpClient(QObject* parent = nullptr);
    // Requests still under way are aborted; their `done` is not called.
    ~HttpClient() override;
    Q_DISABLE_COPY_MOVE(HttpClient)

    // The calling thread's client, made on first use and deleted with the thread (the main
    // thread's with the QCoreApplication).
    static HttpClient& forCurrentThread();

    // Sends `request` now, or as soon as its host has a free connection. When `context` is
    // destroyed first, the request is aborted and `done` is not called (as with a
    // QObject::connect context); `context` may be null.
    Id send(HttpRequest request, QObject* context, Done done);
    // Aborts a request; its `done` sees Failure::Canceled, later. Unknown or finished ids are ignored.
    void cancel(Id id);

    void setMaxConnectionsPerHost(int count) { m_maxPerHost = qMax(1, count); }
    int maxConnectionsPerHost() const { return m_maxPerHost; }
    // Requests handed to Qt, and those waiting for a connection.
    int inFlight() const;
    int waiting() const;

private:
    struct Call
    {
        HttpRequest request;
        QString host; // scheme://host:port, the queue it waits in
        QPointer<QObject> context;
        bool hasContext = false;
        QMetaObject::Connection contextGone;
        Done done;
        QPointer<QNetworkReply> reply;
        QTimer* deadline = nullptr; // owned by the reply
        QElapsedTimer started;      // handed to Qt
        QElapsedTimer sent;         // requestSent
        bool timedOut = false;
        bool canceled = false;
        HttpResult result; // the body as it arrives
    };
    struct Host
    {
        int active = 0;
        QQueue<Id> waiting;
    };

    void startWaiting(const QString& host);
    void start(Id id);
    void onSent(Id id);
    void onReadyRead(Id id);
    void onFinished(Id id);
    void drop(Id id); // the context is gone
    void release(Call& call);
    void finishLater(Id id, HttpResult result);

    QNetworkAccessManager* m_network;
    QHash<Id, Call> m_calls;
    QHash<QString, Host> m_hosts;
    Id m_nextId = 0;
    int m_maxPerHost = kDefaultMaxConnectionsPerHost;
};

} // namespace zapito
