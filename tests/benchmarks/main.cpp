// SPDX-License-Identifier: Apache-2.0
// zapito-inbox-bench: generates realistic inbox databases and measures the inbox and the webhook
// against the naive Qt way and the limit. Not a test: it prints numbers, it asserts nothing.
//
//   zapito-inbox-bench generate --conversations N --messages M --out FILE
//   zapito-inbox-bench run [--sizes 10000/200000,100000/2000000] [--runs 5] [--data-dir /tmp] ...
#include "benchsupport.h"
#include "databasegenerator.h"
#include "inboxbenchmark.h"
#include "report.h"
#include "webhookbenchmark.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <QStandardPaths>
#include <QThread>

#include <cstdio>

namespace {

using namespace zapito::bench;

int generate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Writes a realistic inbox database."));
    parser.addHelpOption();
    const QCommandLineOption conversations(QStringLiteral("conversations"),
                                           QStringLiteral("Number of conversations."), QStringLiteral("N"),
                                           QStringLiteral("10000"));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Number of messages."),
                                      QStringLiteral("M"), QStringLiteral("200000"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Database file to (re)write."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption transcript(QStringLiteral("transcript"),
                                        QStringLiteral("Messages in the one long conversation."),
                                        QStringLiteral("N"), QStringLiteral("5000"));
    parser.addOptions({conversations, messages, out, transcript});
    parser.process(arguments);
    if (!parser.isSet(out)) {
        std::fputs("generate: --out FILE is required\n", stderr);
        return 2;
    }
    DatabaseGenerator::Options options;
    options.conversations = parser.value(conversations).toInt();
    options.messages = parser.value(messages).toLongLong();
    options.longTranscript = parser.value(transcript).toInt();
    options.path = parser.value(out);
    if (options.conversations < 2 || options.messages < options.conversations + options.longTranscript) {
        std::fputs("generate: need at least 2 conversations and one message each plus the transcript\n",
                   stderr);
        return 2;
    }
    const auto result = DatabaseGenerator::generate(options);
    QTextStream err(stderr);
    if (!result) {
        err << "generate failed: " << result.error() << Qt::endl;
        return 1;
    }
    err << "generated " << options.path << ": " << options.conversations << " conversations, "
        << options.messages << " messages, " << result->openHandoffs << " open and "
        << result->resolvedHandoffs << " resolved handoffs, long transcript in " << result->longConversationId
        << ", in " << result->elapsedMs << " ms" << Qt::endl;
    return 0;
}

struct Size
{
    int conversations;
    qint64 messages;
};

QString label(const Size& s)
{
    auto short_ = [](qint64 n) {
        return n >= 1'000'000 && n % 1'000'000 == 0 ? QString(QString::number(n / 1'000'000) + u'M')
               : n >= 1000 && n % 1000 == 0         ? QString(QString::number(n / 1000) + u'k')
                                                    : QString::number(n);
    };
    return QString(short_(s.conversations) + u'/' + short_(s.messages));
}

int run(QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures the inbox and the webhook."));
    parser.addHelpOption();
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Conversations/messages, comma separated."),
                                   QStringLiteral("LIST"), QStringLiteral("10000/200000,100000/2000000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Timed runs per figure (median)."),
                                  QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the databases live."),
                                     QStringLiteral("DIR"), QStringLiteral("/tmp/zapito-bench"));
    const QCommandLineOption regenerate(QStringLiteral("regenerate"),
                                        QStringLiteral("Write the databases afresh even if present."));
    const QCommandLineOption noNaive(QStringLiteral("no-naive"), QStringLiteral("Skip the naive baseline."));
    const QCommandLineOption noWebhook(QStringLiteral("no-webhook"),
                                       QStringLiteral("Skip the webhook figures."));
    const QCommandLineOption noInbox(QStringLiteral("no-inbox"), QStringLiteral("Skip the inbox figures."));
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QStringLiteral("Also write the table here."), QStringLiteral("FILE"));
    parser.addOptions({sizes, runs, dataDir, regenerate, noNaive, noWebhook, noInbox, markdown});
    QStringList arguments = app.arguments();
    arguments.removeAt(1);
    parser.process(arguments);

    QTextStream err(stderr);
    const QString dir = parser.value(dataDir);
    QDir().mkpath(dir);
    const int runCount = qMax(1, parser.value(runs).toInt());
    Report report;
    const QString loadBefore = loadAverage();
    if (!parser.isSet(noInbox)) {
        for (const QString& spec : parser.value(sizes).split(u',', Qt::SkipEmptyParts)) {
            const QStringList parts = spec.split(u'/');
            const Size size{parts.value(0).toInt(), parts.value(1).toLongLong()};
            if (size.conversations < 10 || size.messages < size.conversations + 5'000) {
                err << "--sizes: " << spec << " needs at least 10 conversations and 5,000 messages more "
                    << "than conversations (one long transcript)" << Qt::endl;
                return 2;
            }
            const QString path =
                QStringLiteral("%1/inbox-%2-%3.sqlite").arg(dir).arg(size.conversations).arg(size.messages);
            if (parser.isSet(regenerate) || !QFileInfo::exists(path)) {
                DatabaseGenerator::Options g;
                g.conversations = size.conversations;
                g.messages = size.messages;
                g.path = path;
                const auto generated = DatabaseGenerator::generate(g);
                if (!generated) {
                    err << "generate failed: " << generated.error() << Qt::endl;
                    return 1;
                }
                err << "generated " << path << " in " << generated->elapsedMs << " ms" << Qt::endl;
                report.addNote(QStringLiteral("Generated %1 in %2 s (%3 open and %4 resolved handoffs).")
                                   .arg(label(size))
                                   .arg(generated->elapsedMs / 1000.0, 0, 'f', 1)
                                   .arg(generated->openHandoffs)
                                   .arg(generated->resolvedHandoffs));
            }
            InboxBenchmark::Options o;
            o.databasePath = path;
            o.sizeLabel = label(size);
            o.runs = runCount;
            o.naive = !parser.isSet(noNaive);
            o.executable = QCoreApplication::applicationFilePath();
            err << "inbox at " << o.sizeLabel << Qt::endl;
            InboxBenchmark::run(o, report);
        }
    }
    if (!parser.isSet(noWebhook)) {
        WebhookBenchmark::Options w;
        w.runs = qMin(runCount, 3);
        w.workDir = dir;
        err << "webhook" << Qt::endl;
        WebhookBenchmark::run(w, report);
    }
    report.addNote(QStringLiteral("Machine: %1, %2 cores, %3 RAM; load average %4 before, %5 after; %6 UTC.")
                       .arg(cpuModel())
                       .arg(QThread::idealThreadCount())
                       .arg(memoryTotal(), loadBefore, loadAverage(),
                            QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    const QString table = report.markdown();
    QTextStream(stdout) << table;
    if (parser.isSet(markdown)) {
        QFile out(parser.value(markdown));
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(table.toUtf8());
    }
    return 0;
}

} // namespace

// The offscreen platform warns about every window it cannot size as a real one would; the
// numbers matter here, not that.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.contains(QLatin1String("propagateSizeHints")) ||
        message.contains(QLatin1String("XDG_RUNTIME_DIR")))
        return;
    // One line per delivery from the dispatcher (still formatted, so its cost is measured).
    if ((type == QtDebugMsg || type == QtInfoMsg) && context.category &&
        qstrcmp(context.category, "zapito.webhook") == 0)
        return;
    QTextStream(stderr) << qFormatLogMessage(type, context, message) << Qt::endl;
}

int main(int argc, char* argv[])
{
    qInstallMessageHandler(quietHandler);
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (command == QLatin1String("generate")) {
        QCoreApplication app(argc, argv);
        QStringList arguments = app.arguments();
        arguments.removeAt(1);
        return generate(arguments);
    }
    if (command == QLatin1String("run") || command == QLatin1String("rss")) {
        // Windows are shown offscreen unless the caller chose a platform.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        // Settings, secrets and data folders of a throw-away test profile (~/.qttest), never the
        // operator's own Zapito Inbox set-up (a configured webhook must not receive bench traffic).
        QStandardPaths::setTestModeEnabled(true);
        if (command == QLatin1String("rss")) {
            const QStringList a = app.arguments(); // rss APPROACH DATABASE SQLFILE TERM
            return InboxBenchmark::rssChild(a.value(2), a.value(3), a.value(4), a.value(5));
        }
        return run(app);
    }
    std::fputs("usage: zapito-inbox-bench generate|run [options]   (--help after the command)\n", stderr);
    return 2;
}
