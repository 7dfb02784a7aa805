// SPDX-License-Identifier: Apache-2.0
// Text we did not write, placed in our own sentences: isolated() keeps a name's direction its
// own, notificationBodyEscaped() keeps a message from being read as notification markup.
#include "untrustedtext.h"

#include <QTest>

using namespace zapito;

namespace {
const QChar FSI(0x2068);
const QChar PDI(0x2069);

QString u(const char16_t* text)
{
    return QString::fromUtf16(text);
}

bool isParagraphSeparator(QChar c)
{
    return c.direction() == QChar::DirB;
}

// What the bidirectional algorithm would see: every isolate initiator matched by a PDI on the
// same line, and no PDI without its initiator (that one would close an isolate around the text).
bool isolatesBalanced(const QString& text)
{
    int open = 0;
    for (QChar c : text) {
        if (isParagraphSeparator(c)) {
            if (open != 0)
                return false;
        } else if (c.direction() == QChar::DirLRI || c.direction() == QChar::DirRLI ||
                   c.direction() == QChar::DirFSI) {
            ++open;
        } else if (c.direction() == QChar::DirPDI) {
            if (--open < 0)
                return false;
        }
    }
    return open == 0;
}
} // namespace

class tst_UntrustedText : public QObject
{
    Q_OBJECT

private slots:
    void isolated_wrapsEveryLineInItsOwnIsolate_data()
    {
        QTest::addColumn<QString>("untrusted");
        QTest::addColumn<QString>("expected");
        QTest::newRow("latin") << u(u"Maria Silva") << FSI + u(u"Maria Silva") + PDI;
        QTest::newRow("right-to-left-override")
            << u(u"Evil\u202Egnp.exe") << FSI + u(u"Evil\u202Egnp.exe") + PDI;
        QTest::newRow("unclosed-right-to-left-isolate") << u(u"\u2067") << FSI + u(u"\u2067") + PDI + PDI;
        QTest::newRow("stray-pop-isolate-then-override")
            << u(u"a\u2069\u202Eb") << FSI + u(u"a\u202Eb") + PDI; // the PDI would have closed ours
        QTest::newRow("own-isolates-kept") << u(u"x\u2066y\u2069z") << FSI + u(u"x\u2066y\u2069z") + PDI;
        QTest::newRow("html") << u(u"<b>bold</b><img src=x>") << FSI + u(u"<b>bold</b><img src=x>") + PDI;
        QTest::newRow("newline") << u(u"Ana\nBea") << FSI + u(u"Ana") + PDI + u'\n' + FSI + u(u"Bea") + PDI;
        QTest::newRow("override-after-newline")
            << u(u"x\n\u202Ey") << FSI + u(u"x") + PDI + u'\n' + FSI + u(u"\u202Ey") + PDI;
        QTest::newRow("crlf") << u(u"a\r\nb") << FSI + u(u"a") + PDI + u(u"\r\n") + FSI + u(u"b") + PDI;
        QTest::newRow("paragraph-separator")
            << u(u"a\u2029\u2067b") << FSI + u(u"a") + PDI + QChar(0x2029) + FSI + u(u"\u2067b") + PDI + PDI;
        QTest::newRow("tab-stays") << u(u"a\tb") << FSI + u(u"a\tb") + PDI;
        QTest::newRow("emoji") << u(u"Zé 😀👍🏽👨‍👩‍👧")
                               << FSI + u(u"Zé 😀👍🏽👨‍👩‍👧") + PDI;
        QTest::newRow("arabic") << u(u"مريم الأحمد") << FSI + u(u"مريم الأحمد") + PDI;
        QTest::newRow("empty") << QString() << QString();
    }
    void isolated_wrapsEveryLineInItsOwnIsolate()
    {
        QFETCH(QString, untrusted);
        QFETCH(QString, expected);
        const QString result = isolated(untrusted);
        QCOMPARE(result, expected);
        QVERIFY(isolatesBalanced(result));
        // Inside our sentence too: nothing of the text reaches past its own pair.
        QVERIFY(isolatesBalanced(QStringLiteral("Reply to %1… (Ctrl+Enter sends)").arg(result)));
    }

    void balancedIsolates_closesWhatALineOpensAndDropsStrayPops_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing-to-do") << u(u"plain \u202E text") << u(u"plain \u202E text");
        QTest::newRow("unclosed") << u(u"a\u2068b") << u(u"a\u2068b\u2069");
        QTest::newRow("stray") << u(u"\u2069a") << u(u"a");
        QTest::newRow("per-line") << u(u"\u2067a\nb\u2069") << u(u"\u2067a\u2069\nb");
        QTest::newRow("already-isolated")
            << isolated(u(u"Evil\u202Egnp.exe")) << isolated(u(u"Evil\u202Egnp.exe"));
    }
    void balancedIsolates_closesWhatALineOpensAndDropsStrayPops()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(balancedIsolates(text), expected);
        QVERIFY(isolatesBalanced(balancedIsolates(text)));
    }

    void notificationBodyEscaped_showsMarkupAsText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bold-and-image")
            << u(u"<b>bold</b><img src=x>") << u(u"&lt;b&gt;bold&lt;/b&gt;&lt;img src=x&gt;");
        QTest::newRow("tracking-pixel") << u(u"hi <img src=http://evil.example/p.gif>")
                                        << u(u"hi &lt;img src=http://evil.example/p.gif&gt;");
        QTest::newRow("link") << u(u"<a href=\"http://evil\">x</a>")
                              << u(u"&lt;a href=\"http://evil\"&gt;x&lt;/a&gt;");
        QTest::newRow("ampersand") << u(u"Tom & Jerry") << u(u"Tom &amp; Jerry");
        QTest::newRow("entity-stays-literal") << u(u"&lt;b&gt;") << u(u"&amp;lt;b&amp;gt;");
        QTest::newRow("quotes-kept") << u(u"“quoted” 'x' \"y\"") << u(u"“quoted” 'x' \"y\"");
        QTest::newRow("emoji") << u(u"😀👍🏽") << u(u"😀👍🏽");
        QTest::newRow("arabic") << u(u"مرحبا") << u(u"مرحبا");
        QTest::newRow("isolates-kept")
            << isolated(u(u"Evil\u202Egnp.exe")) << isolated(u(u"Evil\u202Egnp.exe"));
    }
    void notificationBodyEscaped_showsMarkupAsText()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString escaped = notificationBodyEscaped(text);
        QCOMPARE(escaped, expected);
        QVERIFY(!escaped.contains(u'<'));
        QVERIFY(!escaped.contains(u'>'));
    }
};

QTEST_GUILESS_MAIN(tst_UntrustedText)
#include "tst_untrustedtext.moc"
