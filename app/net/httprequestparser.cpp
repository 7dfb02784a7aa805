// SPDX-License-Identifier: Apache-2.0
#include "httprequestparser.h"

#include <algorithm>

namespace zapito {

namespace {

// RFC 9110 5.6.2: tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

bool isOptionalWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedOws(QByteArrayView s)
{
    while (!s.isEmpty() && isOptionalWhitespace(s.front()))
        s = s.sliced(1);
    while (!s.isEmpty() && isOptionalWhitespace(s.back()))
        s.chop(1);
    return s;
}

// Field values may hold visible characters, spaces, tabs and obs-text; no other control byte.
bool isFieldValue(QByteArrayView s)
{
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

// The request target in origin form ("/path?query") or absolute form ("http://host/path"):
// visible ASCII only.
bool isRequestTarget(QByteArrayView s)
{
    if (!s.startsWith('/') && !s.startsWith("http://") && !s.startsWith("https://"))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{}

bool HttpRequestParser::fail(int status, QByteArray text)
{
    m_state = State::Done;
    m_progress = Progress::Failed;
    m_errorStatus = status;
    m_errorText = std::move(text);
    m_head = QByteArray();
    m_request = InboundHttpRequest();
    return false;
}

HttpRequestParser::Step HttpRequestParser::feed(QByteArrayView data)
{
    switch (m_state) {
    case State::Head:
        return feedHead(data);
    case State::Body:
        return feedBody(data);
    case State::Done:
        break;
    }
    return {m_progress, 0};
}

HttpRequestParser::Step HttpRequestParser::feedHead(QByteArrayView data)
{
    const qsizetype start = m_head.size();
    const qsizetype take = std::min(data.size(), m_limits.maxHeaderBytes - start);
    m_head.append(data.first(take));
    // Only the new bytes are looked at; a CR LF CR LF split over two reads is found all the same.
    for (qsizetype i = start; i < m_head.size(); ++i) {
        const char c = m_head.at(i);
        const char previous = i > 0 ? m_head.at(i - 1) : '\0';
        if (previous == '\r' && c != '\n') {
            fail(400, "bad request: a CR without LF\n");
            return {m_progress, i - start};
        }
        if (c == '\0') {
            fail(400, "bad request: a NUL byte in the header\n");
            return {m_progress, i - start};
        }
        if (c != '\n')
            continue;
        if (previous != '\r') {
            fail(400, "bad request: lines must end in CR LF\n");
            return {m_progress, i - start};
        }
        if (i >= 3 && m_head.at(i - 2) == '\n' && m_head.at(i - 3) == '\r') {
            const qsizetype end = i + 1; // the header block, its empty last line included
            m_head.truncate(end);
            m_headerBytes = end;
            if (!parseHead())
                return {m_progress, end - start};
            if (m_contentLength == 0) {
                m_state = State::Done;
                m_progress = Progress::Complete;
            } else {
                m_state = State::Body;
                m_progress = Progress::HeadersComplete;
            }
            return {m_progress, end - start};
        }
    }
    m_headerBytes = m_head.size();
    if (m_head.size() >= m_limits.maxHeaderBytes) {
        fail(431, "header too large\n");
        return {m_progress, take};
    }
    return {m_progress, take};
}

bool HttpRequestParser::parseHead()
{
    // Lines without their CR LF; the last two (the end of the last field, the empty line) dropped.
    const QByteArrayView head = QByteArrayView(m_head).chopped(4);
    QList<QByteArrayView> lines;
    for (qsizetype from = 0;;) {
        const qsizetype crlf = head.indexOf(QByteArrayView("\r\n"), from);
        if (crlf < 0) {
            lines.append(head.sliced(from));
            break;
        }
        lines.append(head.sliced(from, crlf - from));
        from = crlf + 2;
    }

    // request-line = method SP request-target SP HTTP-version, single spaces.
    const QByteArrayView requestLine = lines.at(0);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, "bad request line\n");
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method) || !isRequestTarget(target))
        return fail(400, "bad request line\n");
    const bool http11 = version == QByteArrayView("HTTP/1.1");
    if (!http11 && version != QByteArrayView("HTTP/1.0")) {
        const bool looksLikeHttp = version.size() == 8 && version.startsWith("HTTP/") &&
                                   isDigit(version[5]) && version[6] == '.' && isDigit(version[7]);
        return looksLikeHttp ? fail(505, "only HTTP/1.0 and HTTP/1.1 are spoken here\n")
                             : fail(400, "bad request line\n");
    }
    m_request.method = method.toByteArray();
    m_request.target = QUrl::fromEncoded(target.toByteArray());

    int contentLengths = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // No name, a name with spaces before the colon, or a folded continuation line: RFC 9112
        // 5.1 and 5.2 say to refuse them, since proxies read them differently.
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, "bad header field\n");
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return fail(400, "bad header field\n");
        const QByteArray name = line.first(colon).toByteArray().toLower();
        if (name == "content-length")
            ++contentLengths;
        auto existing = m_request.headers.find(name);
        if (existing == m_request.headers.end())
            m_request.headers.insert(name, value.toByteArray());
        else // RFC 9110 5.3: a repeated field is the same as one with the values joined by commas
            *existing += ", " + value.toByteArray();
    }

    const bool hasLength = contentLengths > 0;
    if (m_request.headers.contains("transfer-encoding"))
        return fail(400, hasLength ? "bad request: both Transfer-Encoding and Content-Length\n"
                                   : "chunked bodies are not supported\n");
    if (contentLengths > 1)
        return fail(400, "bad request: more than one Content-Length\n");
    bool tooLarge = false;
    if (hasLength) {
        const QByteArray& value = m_request.headers["content-length"];
        if (value.isEmpty() || !std::all_of(value.begin(), value.end(), isDigit))
            return fail(400, "bad content-length\n");
        // Leading zeros are allowed; beyond 15 significant digits it is far over any limit.
        qsizetype firstSignificant = 0;
        while (firstSignificant < value.size() - 1 && value[firstSignificant] == '0')
            ++firstSignificant;
        if (value.size() - firstSignificant > 15) {
            tooLarge = true;
        } else {
            m_contentLength = value.toLongLong();
            tooLarge = m_contentLength > m_limits.maxBodyBytes;
        }
    }
    if (http11 && m_request.headers.contains("expect")) {
        // HTTP/1.0 clients know no Expect (RFC 9110 10.1.1): only then is it ignored.
        if (m_request.headers.value("expect").toLower() != "100-continue")
            return fail(417, "only Expect: 100-continue is understood\n");
        m_expectsContinue = true;
    }
    if (tooLarge) {
        m_contentLength = 0;
        return m_expectsContinue ? fail(417, "body too large\n") : fail(413, "body too large\n");
    }
    m_head = QByteArray();
    return true;
}

HttpRequestParser::Step HttpRequestParser::feedBody(QByteArrayView data)
{
    QByteArray& body = m_request.body;
    if (body.isEmpty())
        body.reserve(m_contentLength); // once, so appending never copies what arrived before
    const qsizetype take = std::min(data.size(), m_contentLength - body.size());
    body.append(data.first(take));
    if (body.size() == m_contentLength) {
        m_state = State::Done;
        m_progress = Progress::Complete;
    } else {
        m_progress = Progress::NeedsMore;
    }
    return {m_progress, take};
}

} // namespace zapito
