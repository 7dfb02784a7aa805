// SPDX-License-Identifier: Apache-2.0
// What the command line prints of text it did not write: `list` and `deliveries` keep one row a
// line and their columns whatever a name holds (tabSeparatedField()), and terminal text keeps
// the isolates our sentences put around a name (terminalText()). The commands run as the built
// binary, as a child process.
#include "cliprocess.h"
#include "conversationstore.h"
#include "leadpayload.h"
#include "terminaltext.h"
#include "testdatabase.h"
#include "untrustedtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace zapito;
using test::CliProcess;

namespace {
QString u(const char16_t* text)
{
    return QString::fromUtf16(text);
}

auto payload()
{
    return [](const Bot& b, const Conversation& c, const QList<Message>& t, HandoffReason r, qint64 at) {
        return buildLeadPayload(b, c, t, r, at);
    };
}

void hostileFields()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << u(u"Maria Silva") << u(u"Maria Silva");
    QTest::newRow("newline-and-tab") << u(u"Ana\nfake\trow") << u(u"Ana\\nfake\\trow");
    QTest::newRow("fake-row")
        << u(u"Ana\nconv_fake\twhatsapp\thandoff\tescalate\t2020-01-01T00:00:00.000Z\tMallory")
        << u(u"Ana\\nconv_fake\\twhatsapp\\thandoff\\tescalate\\t2020-01-01T00:00:00.000Z\\tMallory");
    QTest::newRow("carriage-return") << u(u"a\rb") << u(u"a\\rb");
    QTest::newRow("backslash") << u(u"C:\\new") << u(u"C:\\\\new");
    QTest::newRow("right-to-left-override") << u(u"Evil\u202Egnp.exe") << u(u"Evil\\u{202E}gnp.exe");
    QTest::newRow("right-to-left-isolate") << u(u"\u2067") << u(u"\\u{2067}");
    QTest::newRow("terminal-escape") << u(u"\u001B]0;owned\u0007\u001B[2J")
                                     << u(u"\\u{001B}]0;owned\\u{0007}\\u{001B}[2J");
    QTest::newRow("nul") << QString(QChar(0)) + u(u"x") << u(u"\\u{0000}x");
    QTest::newRow("delete") << u(u"a\u007Fb") << u(u"a\\u{007F}b");
    QTest::newRow("c1-next-line") << u(u"a\u0085b") << u(u"a\\u{0085}b");
    QTest::newRow("line-separator") << u(u"a\u2028b\u2029c") << u(u"a\\u{2028}b\\u{2029}c");
    QTest::newRow("zero-width-no-break-space") << u(u"na\uFEFFme") << u(u"na\\u{FEFF}me");
    QTest::newRow("emoji") << u(u"Zé 😀👍🏽👨‍👩‍👧")
                           << u(u"Zé 😀👍🏽👨‍👩‍👧");
    QTest::newRow("arabic") << u(u"مريم الأحمد") << u(u"مريم الأحمد");
    QTest::newRow("html") << u(u"<b>bold</b><img src=x>") << u(u"<b>bold</b><img src=x>");
}
} // namespace

class tst_UntrustedOutput : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliProcess> m_cli;
    std::unique_ptr<test::TestDatabase> m_tmp;

    QStringList db() const { return {QStringLiteral("--database"), m_tmp->path()}; }

private slots:
    void init()
    {
        m_cli = std::make_unique<CliProcess>(QStringLiteral(ZAPITO_INBOX_BINARY));
        m_tmp = std::make_unique<test::TestDatabase>();
    }
    void cleanup()
    {
        m_tmp.reset();
        m_cli.reset();
    }

    void tabSeparatedField_escapesWhatCouldAddARowOrColumn_data() { hostileFields(); }
    void tabSeparatedField_escapesWhatCouldAddARowOrColumn()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(cli::tabSeparatedField(text), field);
    }

    void tabSeparatedField_escapesAnUnpairedSurrogate()
    {
        QCOMPARE(cli::tabSeparatedField(QString(QChar(0xD800)) + u'x'), u(u"\\u{D800}x"));
        QCOMPARE(cli::tabSeparatedField(u(u"x") + QChar(0xDC00)), u(u"x\\u{DC00}"));
    }

    void terminalText_keepsOurIsolatesBalanced_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("isolated-override")
            << isolated(u(u"Evil\u202Egnp.exe")) << u(u"\u2068Evil\uFFFDgnp.exe\u2069");
        QTest::newRow("unclosed-isolate") << u(u"\u2067x") << u(u"\u2067x\u2069");
        QTest::newRow("stray-pop") << u(u"\u2069x") << u(u"x");
        QTest::newRow("escape-sequence") << u(u"ok\u001B[2J") << u(u"ok\uFFFD[2J");
        QTest::newRow("newline-and-tab-kept") << u(u"a\nb\tc") << u(u"a\nb\tc");
        QTest::newRow("emoji-joiner-kept") << u(u"👨‍👩‍👧") << u(u"👨‍👩‍👧");
    }
    void terminalText_keepsOurIsolatesBalanced()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(cli::terminalText(text), shown);
    }

    void list_keepsOneLineAndSixColumnsPerConversation_data() { hostileFields(); }
    void list_keepsOneLineAndSixColumnsPerConversation()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QString id;
        {
            auto database = m_tmp->open();
            QVERIFY(database);
            ConversationStore store(*database);
            const Bot bot = *store.ensureBot(QStringLiteral("Luna Café"));
            const auto c = store.upsertConversation(bot.id, QStringLiteral("whatsapp"),
                                                    QStringLiteral("5511"), text, 1000);
            QVERIFY(c);
            id = c->id;
        }
        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("list")} + db());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.endsWith('\n'));
        const QList<QByteArray> lines = r.out.chopped(1).split('\n');
        QCOMPARE(lines.size(), 1);
        const QList<QByteArray> columns = lines[0].split('\t');
        QCOMPARE(columns.size(), 6);
        QCOMPARE(QString::fromUtf8(columns[0]), id);
        QCOMPARE(QString::fromUtf8(columns[5]), field);

        // --json keeps the name as it is.
        const CliProcess::Result json =
            m_cli->run(QStringList{QStringLiteral("list"), QStringLiteral("--json")} + db());
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array[0].toObject().value(QStringLiteral("contactName")).toString(), text);
    }

    // Nothing in `deliveries` comes from a customer, but what it prints comes from a file another
    // program may have written: a conversation id with a newline stays in its column.
    void deliveries_keepsOneLineAndSixColumnsPerDelivery()
    {
        const QString id = u(u"conv_x\nfake\t1\u202E");
        {
            auto database = m_tmp->open();
            QVERIFY(database);
            ConversationStore store(*database);
            const Bot bot = *store.ensureBot(QStringLiteral("Luna Café"));
            QSqlQuery q(database->connection());
            q.prepare(
                QStringLiteral("INSERT INTO conversations (id, bot_id, channel, external_id, contact_name, "
                               "last_activity_ms, created_at_ms) VALUES (?, ?, 'whatsapp', '5511', 'Ana', "
                               "1000, 1000)"));
            q.addBindValue(id);
            q.addBindValue(bot.id);
            QVERIFY(q.exec());
            QVERIFY(store.appendMessage(id, MessageRole::User, QStringLiteral("human please"), 1001));
            QVERIFY(store.recordHandoff(id, QStringLiteral("Connecting you."), HandoffReason::Escalate, 1002,
                                        payload()));
        }
        const CliProcess::Result r = m_cli->run(QStringList{QStringLiteral("deliveries")} + db());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.chopped(1).split('\n');
        QCOMPARE(lines.size(), 1);
        const QList<QByteArray> columns = lines[0].split('\t');
        QCOMPARE(columns.size(), 6);
        QCOMPARE(QString::fromUtf8(columns[1]), u(u"conv_x\\nfake\\t1\\u{202E}"));
        QCOMPARE(columns[2], QByteArray("escalate"));
    }

    void help_documentsTheEscaping_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("list") << QStringLiteral("list");
        QTest::newRow("deliveries") << QStringLiteral("deliveries");
    }
    void help_documentsTheEscaping()
    {
        QFETCH(QString, command);
        const CliProcess::Result r = m_cli->run({command, QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        const QByteArray help = r.out.simplified();
        for (const char* escape : {"\\\\", "\\n", "\\t", "\\r", "\\u{XXXX}", "tab-separated"})
            QVERIFY2(help.contains(escape), escape);
    }
};

QTEST_GUILESS_MAIN(tst_UntrustedOutput)
#include "tst_untrustedoutput.moc"
