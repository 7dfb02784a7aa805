// SPDX-License-Identifier: Apache-2.0
#include "windowleadbenchmark.h"

#include "benchsupport.h"
#include "inboxservices.h"
#include "latencyproxy.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace zapito::bench {

namespace {

constexpr int kBeatMs = 4;

struct Options
{
    int messages = 300;
    int paceMs = 20;
    int oneWayMs = 1;
    QString clusterScript;
};

struct Figures
{
    QString placement;
    double worstLateMs = 0;
    double p99LateMs = 0;
    double medianLateMs = 0;
    double perMessageMs = 0;       // from the first message written to the last answer delivered
    double requestsPerMessage = 0; // what every connection of the process sent the server
    int answered = 0;
};

// A throw-away cluster (packaging/postgres-cluster.sh), stopped when this goes.
class Cluster final
{
public:
    Cluster(const QString& script, const QString& folder)
        : m_script(script)
        , m_urlFile(QDir(folder).filePath(QStringLiteral("pg.url")))
    {}
    ~Cluster()
    {
        if (!m_url.isEmpty())
            (void)runScript(QStringLiteral("stop"));
    }
    Q_DISABLE_COPY_MOVE(Cluster)

    bool start()
    {
        if (!runScript(QStringLiteral("start")))
            return false;
        QFile url(m_urlFile);
        if (!url.open(QIODevice::ReadOnly))
            return false;
        m_url = QString::fromUtf8(url.readAll()).trimmed();
        return !m_url.isEmpty();
    }
    QString url() const { return m_url; }

private:
    bool runScript(const QString& verb) const
    {
        QProcess script;
        script.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        script.setStandardOutputFile(QProcess::nullDevice());
        script.start(QStringLiteral("bash"), {m_script, verb, m_urlFile});
        return script.waitForFinished(180'000) && script.exitStatus() == QProcess::NormalExit &&
               script.exitCode() == 0;
    }

    QString m_script;
    QString m_urlFile;
    QString m_url;
};

double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const auto at = std::min<qsizetype>(samples.size() - 1, qsizetype(p * double(samples.size())));
    return samples.at(at);
}

// The cluster's URL with the proxy's folder as the host: libpq connects to the proxy's socket.
QString throughProxy(const QString& url, const QString& proxyFolder)
{
    QUrl parsed(url);
    QUrlQuery query(parsed);
    query.removeAllQueryItems(QStringLiteral("host"));
    query.addQueryItem(QStringLiteral("host"), proxyFolder);
    parsed.setQuery(query);
    return parsed.toString();
}

QString serverSocket(const QString& url)
{
    const QUrlQuery query{QUrl(url)};
    return QDir(query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded))
        .filePath(QStringLiteral(".s.PGSQL.%1").arg(query.queryItemValue(QStringLiteral("port"))));
}

std::optional<Figures> measure(const Options& o, Leadership::Mode mode, const QString& placement)
{
    QTemporaryDir folder;
    Cluster cluster(o.clusterScript, folder.path());
    if (!folder.isValid() || !cluster.start()) {
        QTextStream(stderr) << "  cannot start the PostgreSQL cluster" << Qt::endl;
        return std::nullopt;
    }
    // The proxy has a thread of its own: the event loop being measured may be blocked on a
    // statement whose answer the proxy has to pass on.
    QThread proxyThread;
    auto* proxy = new LatencyProxy(serverSocket(cluster.url()), std::chrono::milliseconds(o.oneWayMs));
    const QString proxySocket = serverSocket(throughProxy(cluster.url(), folder.path()));
    if (!proxy->listen(proxySocket)) {
        QTextStream(stderr) << "  cannot listen on " << proxySocket << ": " << proxy->errorString()
                            << Qt::endl;
        delete proxy;
        return std::nullopt;
    }
    proxy->moveToThread(&proxyThread);
    QObject::connect(&proxyThread, &QThread::finished, proxy, &QObject::deleteLater);
    proxyThread.start();
    const auto stopProxy = qScopeGuard([&proxyThread] {
        proxyThread.quit();
        proxyThread.wait();
    });

    std::optional<Figures> figures;
    {
        DatabaseOpenError error;
        auto services =
            InboxServices::create(throughProxy(cluster.url(), folder.path()), &error, nullptr, mode);
        if (!services) {
            QTextStream(stderr) << "  " << error.message << Qt::endl;
            return std::nullopt;
        }
        bool leading = false;
        QObject::connect(services.get(), &InboxServices::leadingStarted, [&leading] { leading = true; });
        if (!waitUntil([&] { return leading; }, 30'000)) {
            QTextStream(stderr) << "  the services never led" << Qt::endl;
            return std::nullopt;
        }
        PreviewChannel& preview = services->connectors().preview();
        int answered = 0;
        QObject::connect(&preview, &PreviewChannel::delivered, [&answered] { ++answered; });

        QList<double> lateness;
        QElapsedTimer sinceBeat;
        QTimer beat;
        beat.setTimerType(Qt::PreciseTimer);
        beat.setInterval(kBeatMs);
        QObject::connect(&beat, &QTimer::timeout, [&] {
            lateness.append(std::max(0.0, double(sinceBeat.nsecsElapsed()) / 1e6 - kBeatMs));
            sinceBeat.start();
        });
        int written = 0;
        QTimer pace;
        pace.setTimerType(Qt::PreciseTimer);
        pace.setInterval(o.paceMs);
        QObject::connect(&pace, &QTimer::timeout, [&] {
            if (written == o.messages) {
                pace.stop();
                return;
            }
            ++written;
            preview.startNewConversation();
            preview.customerSays(QStringLiteral("I need a human, please"));
        });
        settle(500); // the leader's first sweeps and the change feed's first read
        const int requestsBefore = proxy->requests();
        const auto started = Clock::now();
        sinceBeat.start();
        beat.start();
        pace.start();
        const bool done = waitUntil([&] { return answered >= o.messages; }, 600'000);
        const double elapsed = msSince(started);
        beat.stop();
        pace.stop();
        if (!done)
            QTextStream(stderr) << "  only " << answered << " of " << o.messages << " answered" << Qt::endl;
        figures = Figures{placement,
                          lateness.isEmpty() ? 0 : *std::max_element(lateness.cbegin(), lateness.cend()),
                          percentile(lateness, 0.99),
                          percentile(lateness, 0.5),
                          answered ? elapsed / answered : 0,
                          answered ? double(proxy->requests() - requestsBefore) / answered : 0,
                          answered};
    }
    return figures;
}

} // namespace

int WindowLeadBenchmark::command(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A window that leads on PostgreSQL, a network away."));
    parser.addHelpOption();
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Customer messages."),
                                      QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption pace(QStringLiteral("pace-ms"), QStringLiteral("Between two messages."),
                                  QStringLiteral("MS"), QStringLiteral("20"));
    const QCommandLineOption oneWay(QStringLiteral("one-way-ms"),
                                    QStringLiteral("Added to every packet, each way."), QStringLiteral("MS"),
                                    QStringLiteral("1"));
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QStringLiteral("Also write the table here."), QStringLiteral("FILE"));
    parser.addOptions({messages, pace, oneWay, markdown});
    parser.process(arguments);
    Options o;
    o.messages = std::max(1, parser.value(messages).toInt());
    o.paceMs = std::max(1, parser.value(pace).toInt());
    o.oneWayMs = std::max(0, parser.value(oneWay).toInt());
    o.clusterScript = QStringLiteral(ZAPITO_SOURCE_DIR "/packaging/postgres-cluster.sh");
    // Settings and secrets of a throw-away test profile, never the operator's own set-up.
    QStandardPaths::setTestModeEnabled(true);

    const QString loadBefore = loadAverage();
    QList<Figures> rows;
    for (const auto& [mode, placement] :
         {std::pair{Leadership::Mode::Standby, QStringLiteral("pipeline on the event loop")},
          std::pair{Leadership::Mode::Window, QStringLiteral("window, pipeline on LeaderThread")}}) {
        QTextStream(stderr) << "measuring: " << placement << Qt::endl;
        const auto figures = measure(o, mode, placement);
        if (!figures)
            return 1;
        rows.append(*figures);
    }
    QString table;
    QTextStream out(&table);
    out << "| placement | heartbeat late, worst | p99 | median | time per handoff (run ÷ handoffs) | "
           "statements per handoff | answered |\n"
        << "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const Figures& f : rows) {
        out << "| " << f.placement << " | " << QString::number(f.worstLateMs, 'f', 1) << " ms | "
            << QString::number(f.p99LateMs, 'f', 1) << " ms | " << QString::number(f.medianLateMs, 'f', 2)
            << " ms | " << QString::number(f.perMessageMs, 'f', 1) << " ms | "
            << QString::number(f.requestsPerMessage, 'f', 0) << " | " << f.answered << " |\n";
    }
    out << "\n"
        << o.messages << " customer messages, one every " << o.paceMs << " ms, each a handoff; "
        << "the server " << o.oneWayMs << " ms away each way; a " << kBeatMs
        << " ms heartbeat. Machine: " << cpuModel() << ", " << QThread::idealThreadCount()
        << " cores; load average " << loadBefore << " before, " << loadAverage() << " after; "
        << QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm")) << " UTC.\n";
    out.flush();
    publishReport(table, parser.value(markdown));
    return 0;
}

} // namespace zapito::bench
