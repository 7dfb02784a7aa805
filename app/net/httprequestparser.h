// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboundhttprequest.h"

#include <QByteArray>
#include <QByteArrayView>

namespace zapito {

// Reads one HTTP/1.x request from bytes as they arrive, without a socket: bytes in, and out
// either "feed me more", the request, or the status to refuse it with. It is the whole of
// what the inbound listener trusts about a request, so it is strict where leniency lets two
// readers of one request disagree (request smuggling): lines end in CR LF, one Content-Length
// of digits only, no Transfer-Encoding, no folded or space-separated header names; and it
// holds at most `maxHeaderBytes` of header and `maxBodyBytes` of body.
class HttpRequestParser
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 16 * 1024; // the request line and every field, CR LFs included
        qsizetype maxBodyBytes = 1024 * 1024;
    };

    enum class Progress
    {
        NeedsMore,       // every byte given was taken: feed more
        HeadersComplete, // the header block is read and contentLength() body bytes follow: decide on
                         // them (admit their size, answer 100 Continue), then feed the rest
        Complete,        // request() is whole; bytes after it were not taken
        Failed,          // refuse with errorStatus() and errorText(); feeding changes nothing now
    };

    struct Step
    {
        Progress progress;
        qsizetype consumed; // how many of the bytes given were taken
    };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser()
        : HttpRequestParser(Limits{})
    {}

    // Takes bytes from the front of `data`. It stops after the header block when a body follows
    // (HeadersComplete) and after the body (Complete), so the caller feeds what was not taken
    // again once it has decided.
    Step feed(QByteArrayView data);

    Progress progress() const { return m_progress; }
    bool headersComplete() const { return m_state != State::Head; }
    // 400, 413, 417, 431 or 505 once Failed.
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorText() const { return m_errorText; }

    // Known once the headers are complete: the body's declared size (0 without Content-Length),
    // and whether the client waits for "100 Continue" before sending it.
    qsizetype contentLength() const { return m_contentLength; }
    bool expectsContinue() const { return m_expectsContinue; }
    // The header bytes taken so far (at most maxHeaderBytes), and the body bytes held.
    qsizetype headerBytes() const { return m_headerBytes; }
    qsizetype bodyBytes() const { return m_request.body.size(); }

    const InboundHttpRequest& request() const { return m_request; }
    InboundHttpRequest takeRequest() { return std::move(m_request); }

private:
    enum class State
    {
        Head,
        Body,
        Done
    };
    Step feedHead(QByteArrayView data);
    Step feedBody(QByteArrayView data);
    bool parseHead(); // false after fail()
    bool fail(int status, QByteArray text);

    Limits m_limits;
    State m_state = State::Head;
    Progress m_progress = Progress::NeedsMore;
    QByteArray m_head; // the header block while it is read; released once parsed
    qsizetype m_headerBytes = 0;
    qsizetype m_contentLength = 0;
    bool m_expectsContinue = false;
    int m_errorStatus = 0;
    QByteArray m_errorText;
    InboundHttpRequest m_request;
};

} // namespace zapito
