// SPDX-License-Identifier: Apache-2.0
#include "httprequestparser.h"

#include <QTest>

using namespace zapito;
using Progress = HttpRequestParser::Progress;

namespace {

// Feeds `bytes` in pieces of `piece` bytes (0 = all at once), as the listener does: what a
// step did not take is fed again. Stops at Complete or Failed.
Progress feedAll(HttpRequestParser& parser, QByteArrayView bytes, qsizetype piece = 0)
{
    Progress last = parser.progress();
    while (!bytes.isEmpty()) {
        QByteArrayView chunk = piece > 0 ? bytes.first(std::min(piece, bytes.size())) : bytes;
        while (!chunk.isEmpty()) {
            const HttpRequestParser::Step step = parser.feed(chunk);
            last = step.progress;
            if (last == Progress::Complete || last == Progress::Failed)
                return last;
            if (step.consumed == 0 && last != Progress::HeadersComplete)
                return last;
            chunk = chunk.sliced(step.consumed);
            bytes = bytes.sliced(step.consumed);
        }
    }
    return last;
}

const QByteArray kSigned = "POST /webhook?x=1 HTTP/1.1\r\nHost: a\r\nX-Hub-Signature-256: sha256=ab\r\n"
                           "Content-Type: application/json\r\nContent-Length: 11\r\n\r\nhello world";

} // namespace

// The inbound request parser on its own, without sockets: what it accepts, in any pieces, and
// the status it refuses each malformed or oversized request with.
class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void request_inAnyPieces_isTheSame_data()
    {
        QTest::addColumn<int>("piece");
        QTest::newRow("whole") << 0;
        QTest::newRow("byte-by-byte") << 1;
        QTest::newRow("3-bytes") << 3;
        QTest::newRow("header-end-split") << 61;
    }
    void request_inAnyPieces_isTheSame()
    {
        QFETCH(int, piece);
        HttpRequestParser parser;
        QCOMPARE(feedAll(parser, kSigned, piece), Progress::Complete);
        const InboundHttpRequest& r = parser.request();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.target.path(), QStringLiteral("/webhook"));
        QCOMPARE(r.target.query(), QStringLiteral("x=1"));
        QCOMPARE(r.headers.value("x-hub-signature-256"), QByteArray("sha256=ab"));
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(r.body, QByteArray("hello world"));
        QCOMPARE(parser.headerBytes(), kSigned.size() - 11);
    }

    void headersComplete_stopsBeforeTheBody()
    {
        HttpRequestParser parser;
        const HttpRequestParser::Step step = parser.feed(kSigned);
        QCOMPARE(step.progress, Progress::HeadersComplete);
        QCOMPARE(step.consumed, kSigned.size() - 11);
        QCOMPARE(parser.contentLength(), 11);
        QCOMPARE(parser.bodyBytes(), 0); // nothing of the body is held before the caller decides
        QVERIFY(!parser.expectsContinue());
        const HttpRequestParser::Step body = parser.feed(QByteArrayView(kSigned).sliced(step.consumed));
        QCOMPARE(body.progress, Progress::Complete);
        QCOMPARE(body.consumed, 11);
    }

    void bytesAfterTheBody_areNotTaken()
    {
        HttpRequestParser parser;
        const QByteArray two = "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET / HTTP/1.1\r\n\r\n";
        HttpRequestParser::Step step = parser.feed(two);
        step = parser.feed(QByteArrayView(two).sliced(step.consumed));
        QCOMPARE(step.progress, Progress::Complete);
        QCOMPARE(step.consumed, 2);
        QCOMPARE(parser.request().body, QByteArray("hi"));
        QCOMPARE(parser.feed("more").consumed, 0);
    }

    void noBody_isCompleteAfterTheHeaders()
    {
        HttpRequestParser parser;
        const QByteArray get = "GET /?hub.mode=subscribe HTTP/1.1\r\nHost: a\r\n\r\n";
        const HttpRequestParser::Step step = parser.feed(get);
        QCOMPARE(step.progress, Progress::Complete);
        QCOMPARE(step.consumed, get.size());
        QCOMPARE(parser.request().method, QByteArray("GET"));
        QVERIFY(parser.request().body.isEmpty());
    }

    void repeatedField_isJoinedWithCommas()
    {
        HttpRequestParser parser;
        QCOMPARE(feedAll(parser, "GET / HTTP/1.1\r\nX-Hub-Signature-256: sha256=aa\r\nx-hub-signature-256:  "
                                 "sha256=bb \r\n\r\n"),
                 Progress::Complete);
        // Two signatures never verify as one.
        QCOMPARE(parser.request().headers.value("x-hub-signature-256"), QByteArray("sha256=aa, sha256=bb"));
    }

    void expectContinue_isReportedWithTheHeaders_data()
    {
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<bool>("expects");
        QTest::newRow("http-1.1") << QByteArray("HTTP/1.1") << true;
        QTest::newRow("http-1.0-ignores-it") << QByteArray("HTTP/1.0") << false;
    }
    void expectContinue_isReportedWithTheHeaders()
    {
        QFETCH(QByteArray, version);
        QFETCH(bool, expects);
        HttpRequestParser parser;
        const HttpRequestParser::Step step = parser.feed(
            QByteArray("POST / " + version + "\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n"));
        QCOMPARE(step.progress, Progress::HeadersComplete);
        QCOMPARE(parser.expectsContinue(), expects);
        QCOMPARE(parser.feed("body").progress, Progress::Complete);
    }

    void leadingZerosInContentLength_areAccepted()
    {
        HttpRequestParser parser;
        QCOMPARE(feedAll(parser, "POST / HTTP/1.1\r\nContent-Length: 0003\r\n\r\nabc"), Progress::Complete);
        QCOMPARE(parser.request().body, QByteArray("abc"));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray post = "POST / HTTP/1.1\r\n";
        QTest::newRow("two-content-lengths-differing")
            << post + "Content-Length: 5\r\nContent-Length: 11\r\n\r\nhello world" << 400;
        QTest::newRow("two-content-lengths-equal")
            << post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello" << 400;
        QTest::newRow("content-length-list") << post + "Content-Length: 5, 5\r\n\r\nhello" << 400;
        QTest::newRow("content-length-plus") << post + "Content-Length: +5\r\n\r\nhello" << 400;
        QTest::newRow("content-length-negative") << post + "Content-Length: -5\r\n\r\n" << 400;
        QTest::newRow("content-length-hex") << post + "Content-Length: 0x5\r\n\r\nhello" << 400;
        QTest::newRow("content-length-inner-space") << post + "Content-Length: 1 1\r\n\r\nhello world" << 400;
        QTest::newRow("content-length-empty") << post + "Content-Length:\r\n\r\n" << 400;
        QTest::newRow("transfer-encoding-and-content-length")
            << post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            << 400;
        QTest::newRow("transfer-encoding")
            << post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            << 400;
        QTest::newRow("bare-lf") << QByteArray("POST / HTTP/1.1\nContent-Length: 5\n\nhello") << 400;
        QTest::newRow("bare-cr") << post + "X-A: 1\rContent-Length: 5\r\n\r\nhello" << 400;
        QTest::newRow("nul-byte") << post + QByteArray("X-A: a\0b\r\n\r\n", 12) << 400;
        QTest::newRow("space-before-colon") << post + "Content-Length : 5\r\n\r\nhello" << 400;
        QTest::newRow("folded-field") << post + "X-A: 1\r\n  continued\r\n\r\n" << 400;
        QTest::newRow("no-colon") << post + "Content-Length 5\r\n\r\n" << 400;
        QTest::newRow("control-in-value") << post + "X-A: a\x01z\r\n\r\n" << 400;
        QTest::newRow("bad-request-line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("double-space-request-line") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("target-not-a-path") << QByteArray("GET webhook HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("empty-request") << QByteArray("\r\n\r\n") << 400;
        QTest::newRow("http-2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("not-http") << QByteArray("GET / SPDY/3\r\n\r\n") << 400;
        QTest::newRow("body-too-large") << post + "Content-Length: 1048577\r\n\r\n" << 413;
        QTest::newRow("body-far-too-large") << post + "Content-Length: 99999999999999999999999\r\n\r\n"
                                            << 413;
        QTest::newRow("expect-and-too-large")
            << post + "Expect: 100-continue\r\nContent-Length: 2000000\r\n\r\n"
            << 417;
        QTest::newRow("unknown-expectation") << post + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\nhi" << 417;
        QTest::newRow("header-too-large")
            << QByteArray("GET / HTTP/1.1\r\nX-Big: " + QByteArray(20'000, 'a')) << 431;
    }
    void refused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1)}) {
            HttpRequestParser parser;
            QCOMPARE(feedAll(parser, request, piece), Progress::Failed);
            QCOMPARE(parser.errorStatus(), status);
            QVERIFY(!parser.errorText().isEmpty());
            QVERIFY(parser.request().body.isEmpty()); // nothing of it is handed on
            QCOMPARE(parser.feed("more").consumed, 0);
        }
    }

    void headerLimit_isTheBytesHeld()
    {
        HttpRequestParser parser({64, 16});
        const HttpRequestParser::Step step =
            parser.feed(QByteArray("GET / HTTP/1.1\r\nX-A: " + QByteArray(100, 'a')));
        QCOMPARE(step.progress, Progress::Failed);
        QCOMPARE(parser.errorStatus(), 431);
        QCOMPARE(step.consumed, 64);
        QVERIFY(parser.headerBytes() <= 64);
    }
};

QTEST_APPLESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
