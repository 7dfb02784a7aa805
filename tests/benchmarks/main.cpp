// SPDX-License-Identifier: Apache-2.0
// zapito-inbox-bench: generates realistic inbox databases and measures the inbox and the webhook
// against what a careful Qt developer writes first. Not a test: it prints numbers, it asserts nothing.
//
//   zapito-inbox-bench generate --conversations N --messages M --out FILE
//   zapito-inbox-bench run [--quick] [--sizes 10000/200000,100000/2000000] [--runs 5] [--data-dir DIR] ...
//   zapito-inbox-bench team [--engine postgresql|sqlite|both] [--handoffs N] [--seats 5] [--kills 2]
//   zapito-inbox-bench window-lead [--messages 300] [--pace-ms 20] [--one-way-ms 1]
#include "benchsupport.h"
#include "databasegenerator.h"
#include "inboxbenchmark.h"
#include "report.h"
#include "sampletext.h"
#include "teambenchmark.h"
#include "webhookbenchmark.h"
#include "windowleadbenchmark.h"

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
    DatabaseGenerator::writeRecord(options, *result);
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

// The generated database of this size, written afresh only when its record beside it does not
// match what this build would write (or --regenerate); then a working copy, since the steps
// write (live messages, resolved handoffs) and every run must start from the same data.
std::optional<DatabaseGenerator::Result> prepare(const Size& size, const QString& dir, bool regenerate,
                                                 Report& report, QString* workPath)
{
    QTextStream err(stderr);
    DatabaseGenerator::Options g;
    g.conversations = size.conversations;
    g.messages = size.messages;
    g.path = QStringLiteral("%1/inbox-%2-%3.sqlite").arg(dir).arg(size.conversations).arg(size.messages);
    std::optional<DatabaseGenerator::Result> record =
        regenerate ? std::nullopt : DatabaseGenerator::readRecord(g);
    if (!record) {
        err << "generating " << g.path << Qt::endl;
        const auto generated = DatabaseGenerator::generate(g);
        if (!generated) {
            err << "generate failed: " << generated.error() << Qt::endl;
            return std::nullopt;
        }
        DatabaseGenerator::writeRecord(g, *generated);
        err << "generated " << g.path << " in " << generated->elapsedMs << " ms" << Qt::endl;
        record = *generated;
    } else {
        err << "reusing " << g.path << " (" << DatabaseGenerator::fingerprint(g) << ")" << Qt::endl;
    }
    report.addNote(QStringLiteral("%1 data (generated in %9 s): %2 open and %3 resolved handoffs; “%4” in %5 "
                                  "messages (%6 %), “%7” in %8.")
                       .arg(label(size))
                       .arg(record->openHandoffs)
                       .arg(record->resolvedHandoffs)
                       .arg(SampleText::commonWord())
                       .arg(record->commonWordMessages)
                       .arg(100.0 * double(record->commonWordMessages) / double(size.messages), 0, 'f', 1)
                       .arg(SampleText::rareWord())
                       .arg(record->rareWordMessages)
                       .arg(record->elapsedMs / 1000.0, 0, 'f', 1));
    *workPath = QStringLiteral("%1/work-%2-%3.sqlite").arg(dir).arg(size.conversations).arg(size.messages);
    for (const char* suffix : {"", "-wal", "-shm", ".lock"})
        QFile::remove(*workPath + QLatin1String(suffix));
    if (!QFile::copy(g.path, *workPath)) {
        err << "cannot copy " << g.path << " to " << *workPath << Qt::endl;
        return std::nullopt;
    }
    return record;
}

int run(QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures the inbox and the webhook."));
    parser.addHelpOption();
    const QCommandLineOption sizes(QStringLiteral("sizes"),
                                   QStringLiteral("Conversations/messages, comma separated, smallest first."),
                                   QStringLiteral("LIST"), QStringLiteral("10000/200000,100000/2000000"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Timed runs per figure (median)."),
                                  QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption quick(
        QStringLiteral("quick"),
        QStringLiteral("Small sizes and 2 runs (1000/20000,10000/200000), to iterate; "
                       "--sizes and --runs still override."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the databases live."),
                                     QStringLiteral("DIR"), QStringLiteral("/tmp/zapito-bench"));
    const QCommandLineOption regenerate(QStringLiteral("regenerate"),
                                        QStringLiteral("Write the databases afresh even if they match."));
    const QCommandLineOption noNaive(QStringLiteral("no-naive"), QStringLiteral("Skip the baseline."));
    const QCommandLineOption noWebhook(QStringLiteral("no-webhook"),
                                       QStringLiteral("Skip the webhook figures."));
    const QCommandLineOption noInbox(QStringLiteral("no-inbox"), QStringLiteral("Skip the inbox figures."));
    const QCommandLineOption noRss(QStringLiteral("no-rss"), QStringLiteral("Skip the peak RSS figure."));
    const QCommandLineOption actions(QStringLiteral("session-actions"),
                                     QStringLiteral("Actions in the GUI stall session."), QStringLiteral("N"),
                                     QStringLiteral("200"));
    const QCommandLineOption scrollBudget(
        QStringLiteral("scroll-budget"),
        QStringLiteral("Seconds a transcript scroll may take before it stops "
                       "(30; 10 with --quick)."),
        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QStringLiteral("Also write the report here."), QStringLiteral("FILE"));
    parser.addOptions({sizes, runs, quick, dataDir, regenerate, noNaive, noWebhook, noInbox, noRss, actions,
                       scrollBudget, markdown});
    QStringList arguments = app.arguments();
    arguments.removeAt(1);
    parser.process(arguments);

    QTextStream err(stderr);
    const QString dir = parser.value(dataDir);
    QDir().mkpath(dir);
    const bool isQuick = parser.isSet(quick);
    const int runCount = qMax(1, parser.isSet(runs) || !isQuick ? parser.value(runs).toInt() : 2);
    const QString sizeList =
        parser.isSet(sizes) || !isQuick ? parser.value(sizes) : QStringLiteral("1000/20000,10000/200000");
    Report report;
    const QString loadBefore = loadAverage();
    const auto started = Clock::now();
    if (!parser.isSet(noInbox)) {
        for (const QString& spec : sizeList.split(u',', Qt::SkipEmptyParts)) {
            const QStringList parts = spec.split(u'/');
            const Size size{parts.value(0).toInt(), parts.value(1).toLongLong()};
            if (size.conversations < 10 || size.messages < size.conversations + 5'000) {
                err << "--sizes: " << spec << " needs at least 10 conversations and 5,000 messages more "
                    << "than conversations (one long transcript)" << Qt::endl;
                return 2;
            }
            QString workPath;
            const auto record = prepare(size, dir, parser.isSet(regenerate), report, &workPath);
            if (!record)
                return 1;
            InboxBenchmark::Options o;
            o.databasePath = workPath;
            o.sizeLabel = label(size);
            o.runs = runCount;
            o.naive = !parser.isSet(noNaive);
            o.rss = !parser.isSet(noRss);
            o.sessionActions = qMax(1, parser.value(actions).toInt());
            o.scrollBudgetMs =
                1000 *
                qMax(1, parser.isSet(scrollBudget) || !isQuick ? parser.value(scrollBudget).toInt() : 10);
            o.terms = record->terms;
            o.executable = QCoreApplication::applicationFilePath();
            err << "inbox at " << o.sizeLabel << Qt::endl;
            InboxBenchmark::run(o, report);
            for (const char* suffix : {"", "-wal", "-shm", ".lock"})
                QFile::remove(workPath + QLatin1String(suffix));
        }
    }
    if (!parser.isSet(noWebhook)) {
        WebhookBenchmark::Options w;
        w.runs = qMin(runCount, 3);
        w.workDir = dir;
        err << "webhook" << Qt::endl;
        WebhookBenchmark::run(w, report);
    }
    report.addNote(QStringLiteral("Machine: %1, %2 cores, %3 RAM; load average %4 before, %5 after; "
                                  "%6 min in all; %7 UTC.")
                       .arg(cpuModel())
                       .arg(QThread::idealThreadCount())
                       .arg(memoryTotal(), loadBefore, loadAverage())
                       .arg(msSince(started) / 60'000.0, 0, 'f', 1)
                       .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    publishReport(report.markdown(), parser.value(markdown));
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
        if (command == QLatin1String("rss"))
            return InboxBenchmark::rssChild(app.arguments());
        return run(app);
    }
    if (command == QLatin1String("team") || command == QLatin1String("team-seat")) {
        QCoreApplication app(argc, argv);
        QStringList arguments = app.arguments();
        arguments.removeAt(1);
        return command == QLatin1String("team") ? TeamBenchmark::command(arguments)
                                                : TeamBenchmark::seatMain(arguments);
    }
    if (command == QLatin1String("window-lead")) {
        QCoreApplication app(argc, argv);
        QStringList arguments = app.arguments();
        arguments.removeAt(1);
        return WindowLeadBenchmark::command(arguments);
    }
    std::fputs(
        "usage: zapito-inbox-bench generate|run|team|window-lead [options]   (--help after the command)\n",
        stderr);
    return 2;
}
