// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the inbound HTTP request parser, on any bytes. The same input is parsed
// whole, a byte at a time and in pieces of 7 bytes, as sockets may deliver it, with the
// listener's limits and with small ones; how it is cut must never change the outcome, and
// what comes out must keep within the limits.
#include "httprequestparser.h"

#include <cstdint>
#include <cstdlib>

using zapito::HttpRequestParser;
using Progress = HttpRequestParser::Progress;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

struct Outcome
{
    Progress progress = Progress::NeedsMore;
    int status = 0;
    zapito::InboundHttpRequest request;
    qsizetype contentLength = 0;
    bool expectsContinue = false;

    bool operator==(const Outcome& o) const
    {
        return progress == o.progress && status == o.status && request.method == o.request.method &&
               request.target == o.request.target && request.headers == o.request.headers &&
               request.body == o.request.body && contentLength == o.contentLength &&
               expectsContinue == o.expectsContinue;
    }
};

Outcome parse(QByteArrayView input, qsizetype piece, const HttpRequestParser::Limits& limits)
{
    HttpRequestParser parser(limits);
    Outcome out;
    while (!input.isEmpty()) {
        QByteArrayView chunk = input.first(piece > 0 ? std::min(piece, input.size()) : input.size());
        const qsizetype chunkSize = chunk.size();
        while (!chunk.isEmpty()) {
            const HttpRequestParser::Step step = parser.feed(chunk);
            require(step.consumed >= 0 && step.consumed <= chunk.size());
            require(step.progress == parser.progress());
            require(parser.headerBytes() <= limits.maxHeaderBytes);
            require(parser.bodyBytes() <= limits.maxBodyBytes);
            chunk = chunk.sliced(step.consumed);
            if (step.progress == Progress::Complete || step.progress == Progress::Failed)
                goto done;
            if (step.progress == Progress::HeadersComplete) {
                require(parser.contentLength() > 0 && parser.contentLength() <= limits.maxBodyBytes);
                continue;
            }
            require(step.progress == Progress::NeedsMore && chunk.isEmpty());
        }
        input = input.sliced(chunkSize);
    }
done:
    out.progress = parser.progress();
    if (out.progress == Progress::Failed) {
        out.status = parser.errorStatus();
        require(out.status == 400 || out.status == 413 || out.status == 417 || out.status == 431 ||
                out.status == 505);
        require(!parser.errorText().isEmpty());
        require(parser.request().body.isEmpty());
        require(parser.feed("more").consumed == 0); // nothing changes once refused
    }
    if (out.progress == Progress::Complete) {
        require(!parser.request().method.isEmpty());
        require(parser.request().body.size() == parser.contentLength());
        require(parser.feed("more").consumed == 0);
    }
    out.contentLength = parser.contentLength();
    out.expectsContinue = parser.expectsContinue();
    out.request = parser.takeRequest();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    for (const HttpRequestParser::Limits limits :
         {HttpRequestParser::Limits{}, HttpRequestParser::Limits{256, 64}}) {
        const Outcome whole = parse(input, 0, limits);
        require(parse(input, 1, limits) == whole);
        require(parse(input, 7, limits) == whole);
    }
    return 0;
}
