// SPDX-License-Identifier: Apache-2.0
#include "teambenchmark.h"

#include "benchsupport.h"
#include "conversationlistmodel.h"
#include "database.h"
#include "inboxroles.h"
#include "inboxservices.h"
#include "localhttpserver.h"
#include "report.h"
#include "secretstore.h"
#include "signature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>

namespace zapito::bench {

namespace {

using test::LocalHttpServer;
using test::RecordedRequest;
using test::ScriptedResponse;

QString engineLabel(const QString& engine)
{
    return engine == QLatin1String("postgresql") ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Runs the event loop (woken at least every 5 ms) until `done` or the timeout.
bool spinUntil(const std::function<bool()>& done, int timeoutMs)
{
    QTimer tick;
    tick.start(5);
    const auto start = Clock::now();
    while (!done()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (msSince(start) > timeoutMs)
            return false;
    }
    return true;
}

std::optional<double> percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return std::nullopt;
    std::sort(samples.begin(), samples.end());
    const qsizetype at =
        qBound<qsizetype>(0, qsizetype(p * double(samples.size() - 1) + 0.5), samples.size() - 1);
    return samples.at(at);
}

// A child's own home (settings, 0600 secrets file, data folder) so nothing of the operator's
// set-up is read or written; no DBus session, so no keychain is asked; English messages.
QProcessEnvironment childEnvironment(const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("LANGUAGE"));
    return env;
}

// A short command of the product (settings, status), waited for: this is the bench, not the UI.
QByteArray runCommand(const QString& binary, const QString& home, const QStringList& arguments,
                      const QByteArray& input = {}, int* exitCode = nullptr)
{
    QProcess process;
    process.setProcessEnvironment(childEnvironment(home));
    process.start(binary, arguments);
    process.waitForStarted(30'000);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000))
        process.kill();
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    // `status` before the leader has created an SQLite file fails, and is asked again.
    if (process.exitCode() != 0 && arguments.value(0) != QLatin1String("status"))
        QTextStream(stderr) << "  " << arguments.value(0) << " " << arguments.value(2)
                            << " failed: " << process.readAllStandardError() << Qt::endl;
    return process.readAllStandardOutput();
}

quint16 freePort()
{
    return LocalHttpServer::unusedPort();
}

QString customerOf(int i)
{
    return QString::number(5511900000000LL + i);
}

// One WhatsApp Cloud API event: customer `i` asks for a person.
QByteArray whatsAppEvent(int i)
{
    const QString from = customerOf(i);
    const QJsonObject message{
        {QStringLiteral("from"), from},
        {QStringLiteral("id"), QStringLiteral("wamid.bench.%1").arg(i)},
        {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("text"),
         QJsonObject{{QStringLiteral("body"), QStringLiteral("I want to talk to a person")}}}};
    const QJsonObject value{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                            {QStringLiteral("contacts"),
                             QJsonArray{QJsonObject{{QStringLiteral("wa_id"), from},
                                                    {QStringLiteral("profile"),
                                                     QJsonObject{{QStringLiteral("name"),
                                                                  QStringLiteral("Customer %1").arg(i)}}}}}},
                            {QStringLiteral("messages"), QJsonArray{message}}};
    const QJsonObject root{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("bench")},
                                {QStringLiteral("changes"),
                                 QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("messages")},
                                                        {QStringLiteral("value"), value}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// What the webhook sink saw, per handoff (the customer's WhatsApp number: one handoff each).
struct SinkTally
{
    QHash<QString, int> requestsByCustomer;
    QHash<QString, QSet<QByteArray>> deliveryIdsByCustomer;
    qint64 lastArrivalMs = 0;
    qint64 requests = 0;
};

struct Failover
{
    qint64 killedAtMs = 0;
    qint64 acceptedAtMs = 0;  // first WhatsApp event answered 200 that was posted after the kill
    qint64 deliveredAtMs = 0; // first webhook received after the kill
    // Handoffs accepted before the kill whose webhook had not arrived yet, and when the last of
    // them arrived (the dead leader's claims wait for their lease to run out).
    QSet<QString> owed;
    qint64 owedDeliveredAtMs = 0;
    double ms() const { return double(std::max(acceptedAtMs, deliveredAtMs) - killedAtMs); }
    bool done() const { return acceptedAtMs > 0 && deliveredAtMs > 0; }
};

struct Seat
{
    std::unique_ptr<QProcess> process;
    QByteArray buffer;
    bool ready = false;
    QHash<QString, qint64> visibleAtMs; // conversation id → UTC ms
};

class Run
{
public:
    explicit Run(const TeamBenchmark::Options& o)
        : m_o(o)
    {}
    ~Run() { stopAll(); }

    bool execute(TeamReport& report);

private:
    bool setUpDatabase();
    bool configure();
    std::unique_ptr<QProcess> startHeadless();
    bool waitForRole(qint64 pid, const QString& role, int timeoutMs);
    qint64 leaderPid();
    bool startSeats();
    void drive();
    void post(int i);
    void killLeader();
    void stopAll();
    void readSeat(Seat& seat);
    void summarize(TeamReport& report, double elapsedMs);

    TeamBenchmark::Options m_o;
    QTemporaryDir m_dir{m_o.workDir + QStringLiteral("/zapito-team-XXXXXX")};
    QString m_home;
    QString m_seatHome;
    QString m_database;
    QString m_urlFile;
    bool m_cluster = false;
    quint16 m_whatsAppPort = 0;
    QByteArray m_appSecret;
    LocalHttpServer m_webhook;
    LocalHttpServer m_graph;
    SinkTally m_tally;
    std::vector<std::unique_ptr<QProcess>> m_headless;
    std::vector<Seat> m_seats;
    QNetworkAccessManager m_network;
    QList<int> m_queue;
    int m_inFlight = 0;
    int m_accepted = 0;
    qint64 m_firstPostMs = 0;
    qint64 m_lastAcceptMs = 0;
    int m_retries = 0;
    QSet<QString> m_acceptedCustomers;
    QList<int> m_killAt;
    QList<Failover> m_failovers;
    bool m_restartPending = false;
};

bool Run::setUpDatabase()
{
    if (m_o.engine == QLatin1String("postgresql")) {
        m_urlFile = m_dir.filePath(QStringLiteral("pg.url"));
        QProcess script;
        script.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        script.start(QStringLiteral("bash"), {m_o.clusterScript, QStringLiteral("start"), m_urlFile});
        if (!script.waitForFinished(180'000) || script.exitCode() != 0) {
            QTextStream(stderr) << "  cannot start the PostgreSQL cluster" << Qt::endl;
            return false;
        }
        m_cluster = true;
        QFile url(m_urlFile);
        if (!url.open(QIODevice::ReadOnly))
            return false;
        m_database = QString::fromUtf8(url.readAll()).trimmed();
        return true;
    }
    m_database = m_dir.filePath(QStringLiteral("inbox.sqlite"));
    return true;
}

// The leader's machine: the webhook to the sink, WhatsApp on a loopback port with a fake Graph
// API. Secrets go in through standard input (the 0600 secrets file), never as arguments.
bool Run::configure()
{
    m_home = m_dir.filePath(QStringLiteral("leader-home"));
    m_seatHome = m_dir.filePath(QStringLiteral("seat-home"));
    QDir().mkpath(m_home);
    QDir().mkpath(m_seatHome);
    m_whatsAppPort = freePort();
    m_appSecret = SecretStore::generateSecret().toUtf8();
    const QList<std::pair<QString, QString>> plain = {
        {QStringLiteral("webhook.endpoint"), m_webhook.url(QStringLiteral("/lead")).toString()},
        {QStringLiteral("webhook.enabled"), QStringLiteral("true")},
        {QStringLiteral("whatsapp.enabled"), QStringLiteral("true")},
        {QStringLiteral("whatsapp.listen_address"), QStringLiteral("127.0.0.1")},
        {QStringLiteral("whatsapp.listen_port"), QString::number(m_whatsAppPort)},
        {QStringLiteral("whatsapp.graph_base"), m_graph.url(QStringLiteral("/v19.0")).toString()},
        {QStringLiteral("whatsapp.phone_number_id"), QStringLiteral("100200300")},
    };
    const QList<std::pair<QString, QByteArray>> secret = {
        {QStringLiteral("webhook.signing_secret"), SecretStore::generateSecret().toUtf8()},
        {QStringLiteral("whatsapp.app_secret"), m_appSecret},
        {QStringLiteral("whatsapp.verify_token"), SecretStore::generateSecret().toUtf8()},
        {QStringLiteral("whatsapp.access_token"), SecretStore::generateSecret().toUtf8()},
    };
    int code = 0;
    for (const auto& [key, value] : plain) {
        runCommand(m_o.inboxBinary, m_home, {QStringLiteral("settings"), QStringLiteral("set"), key, value},
                   {}, &code);
        if (code != 0)
            return false;
    }
    for (const auto& [key, value] : secret) {
        runCommand(m_o.inboxBinary, m_home, {QStringLiteral("settings"), QStringLiteral("set"), key},
                   value + '\n', &code);
        if (code != 0)
            return false;
    }
    return true;
}

std::unique_ptr<QProcess> Run::startHeadless()
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(childEnvironment(m_home));
    // One line per delivery and handoff: kept beside the run, not on the report's terminal.
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(
        m_dir.filePath(QStringLiteral("headless-%1.log").arg(m_headless.size() + 1)));
    process->start(m_o.inboxBinary, {QStringLiteral("--headless"), QStringLiteral("--database"), m_database});
    process->waitForStarted(30'000);
    return process;
}

// `zapito-inbox status`: one process a line, role, host, pid, …
qint64 Run::leaderPid()
{
    const QByteArray out = runCommand(m_o.inboxBinary, m_home,
                                      {QStringLiteral("status"), QStringLiteral("--database"), m_database});
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() >= 3 && fields[0] == "leader")
            return fields[2].toLongLong();
    }
    return 0;
}

bool Run::waitForRole(qint64 pid, const QString& role, int timeoutMs)
{
    const auto start = Clock::now();
    while (msSince(start) < timeoutMs) {
        const QByteArray out = runCommand(
            m_o.inboxBinary, m_home, {QStringLiteral("status"), QStringLiteral("--database"), m_database});
        for (const QByteArray& line : out.split('\n')) {
            const QList<QByteArray> fields = line.split('\t');
            if (fields.size() >= 3 && fields[2].toLongLong() == pid && fields[0] == role.toUtf8())
                return true;
        }
        spinUntil([] { return false; }, 200);
    }
    return false;
}

void Run::readSeat(Seat& seat)
{
    seat.buffer += seat.process->readAllStandardOutput();
    qsizetype end;
    while ((end = seat.buffer.indexOf('\n')) >= 0) {
        const QByteArray line = seat.buffer.left(end);
        seat.buffer.remove(0, end + 1);
        if (line == "ready") {
            seat.ready = true;
            continue;
        }
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() == 3 && fields[0] == "visible")
            seat.visibleAtMs.insert(QString::fromLatin1(fields[1]), fields[2].toLongLong());
    }
}

bool Run::startSeats()
{
    m_seats.resize(std::size_t(m_o.seats));
    for (Seat& seat : m_seats) {
        seat.process = std::make_unique<QProcess>();
        seat.process->setProcessEnvironment(childEnvironment(m_seatHome));
        seat.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        Seat* s = &seat;
        QObject::connect(seat.process.get(), &QProcess::readyReadStandardOutput, [this, s] { readSeat(*s); });
        seat.process->start(m_o.benchBinary,
                            {QStringLiteral("team-seat"), QStringLiteral("--database"), m_database});
    }
    return spinUntil(
        [this] { return std::all_of(m_seats.begin(), m_seats.end(), [](const Seat& s) { return s.ready; }); },
        60'000);
}

void Run::post(int i)
{
    const QByteArray body = whatsAppEvent(i);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_whatsAppPort)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Hub-Signature-256", signatureHeaderValue(m_appSecret, body));
    request.setTransferTimeout(15'000);
    ++m_inFlight;
    const qint64 postedAt = nowMs();
    QNetworkReply* reply = m_network.post(request, body);
    QObject::connect(reply, &QNetworkReply::finished, [this, reply, i, postedAt] {
        reply->deleteLater();
        --m_inFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200) {
            ++m_accepted;
            m_acceptedCustomers.insert(customerOf(i));
            m_lastAcceptMs = nowMs();
            for (Failover& f : m_failovers) {
                if (f.acceptedAtMs == 0 && postedAt >= f.killedAtMs)
                    f.acceptedAtMs = m_lastAcceptMs;
            }
            if (!m_killAt.isEmpty() && m_accepted >= m_killAt.first()) {
                m_killAt.removeFirst();
                killLeader();
            }
        } else {
            // As Meta does: anything but a 2xx is sent again (the product drops what it stored).
            ++m_retries;
            QTimer::singleShot(50, [this, i] {
                m_queue.prepend(i);
                drive();
            });
            return;
        }
        drive();
    });
}

void Run::drive()
{
    while (m_inFlight < m_o.inFlight && !m_queue.isEmpty())
        post(m_queue.takeFirst());
}

void Run::killLeader()
{
    const qint64 pid = leaderPid();
    if (pid <= 0) {
        QTextStream(stderr) << "  no leader to kill" << Qt::endl;
        return;
    }
    Failover f;
    for (const QString& customer : std::as_const(m_acceptedCustomers)) {
        if (!m_tally.requestsByCustomer.contains(customer))
            f.owed.insert(customer);
    }
    f.killedAtMs = nowMs();
    ::kill(pid_t(pid), SIGKILL);
    m_failovers.append(f);
    m_restartPending = true;
    QTextStream(stderr) << "  killed the leader (pid " << pid << ") after " << m_accepted << " handoffs"
                        << Qt::endl;
}

void Run::stopAll()
{
    for (Seat& seat : m_seats) {
        if (seat.process && seat.process->state() != QProcess::NotRunning) {
            seat.process->terminate();
            seat.process->waitForFinished(10'000);
        }
    }
    m_seats.clear();
    for (auto& process : m_headless) {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(15'000))
                process->kill();
        }
    }
    m_headless.clear();
    if (m_cluster) {
        QProcess::execute(QStringLiteral("bash"), {m_o.clusterScript, QStringLiteral("stop"), m_urlFile});
        m_cluster = false;
    }
}

bool Run::execute(TeamReport& report)
{
    QTextStream err(stderr);
    if (!m_dir.isValid() || !m_webhook.listen() || !m_graph.listen())
        return false;
    m_webhook.setHandler([this](const RecordedRequest& r) {
        const QString customer = QJsonDocument::fromJson(r.body)
                                     .object()
                                     .value(QStringLiteral("conversation"))
                                     .toObject()
                                     .value(QStringLiteral("externalId"))
                                     .toString();
        m_tally.requestsByCustomer[customer] += 1;
        m_tally.deliveryIdsByCustomer[customer].insert(r.header("X-Zapito-Delivery"));
        m_tally.lastArrivalMs = nowMs();
        ++m_tally.requests;
        for (Failover& f : m_failovers) {
            if (f.deliveredAtMs == 0)
                f.deliveredAtMs = m_tally.lastArrivalMs;
            if (f.owed.remove(customer) && f.owed.isEmpty())
                f.owedDeliveredAtMs = m_tally.lastArrivalMs;
        }
        return ScriptedResponse::reply(200, "ok");
    });
    int sent = 0;
    m_graph.setHandler([&sent](const RecordedRequest&) {
        return ScriptedResponse::json(
            200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.out." +
                     QByteArray::number(++sent) + "\"}]}");
    });
    err << "team (" << m_o.engine << "): " << m_o.handoffs << " handoffs, " << m_o.seats << " seats, "
        << m_o.kills << " kills" << Qt::endl;
    if (!setUpDatabase() || !configure())
        return false;

    m_headless.push_back(startHeadless());
    if (!waitForRole(m_headless.back()->processId(), QStringLiteral("leader"), 60'000)) {
        err << "  the first --headless did not lead" << Qt::endl;
        return false;
    }
    m_headless.push_back(startHeadless());
    if (!waitForRole(m_headless.back()->processId(), QStringLiteral("standby"), 60'000)) {
        err << "  the second --headless did not wait as a standby" << Qt::endl;
        return false;
    }
    if (!startSeats()) {
        err << "  the seats did not load their lists" << Qt::endl;
        return false;
    }
    err << "  leader, standby and " << m_o.seats << " seats up; driving" << Qt::endl;

    for (int k = 1; k <= m_o.kills; ++k)
        m_killAt.append(m_o.handoffs * k / (m_o.kills + 1));
    for (int i = 0; i < m_o.handoffs; ++i)
        m_queue.append(i);
    m_firstPostMs = nowMs();
    const auto started = Clock::now();
    drive();
    int reported = 0;
    const auto allSeen = [this] {
        if (m_accepted < m_o.handoffs || m_tally.requestsByCustomer.size() < m_o.handoffs)
            return false;
        return std::all_of(m_seats.begin(), m_seats.end(),
                           [this](const Seat& s) { return s.visibleAtMs.size() >= m_o.handoffs; });
    };
    const bool finished = spinUntil(
        [&] {
            if (m_restartPending && !m_failovers.isEmpty() && m_failovers.last().done()) {
                // The new leader accepts and delivers: a fresh standby takes the dead one's place.
                m_restartPending = false;
                m_headless.push_back(startHeadless());
                err << "  failover in " << m_failovers.last().ms() << " ms; standby restarted" << Qt::endl;
            }
            if (m_accepted / 1000 > reported) {
                reported = m_accepted / 1000;
                err << "  " << m_accepted << " accepted, " << m_tally.requests << " webhooks" << Qt::endl;
            }
            if (!m_killAt.isEmpty() || m_restartPending || m_accepted < m_o.handoffs)
                return false;
            // Done driving: wait for the last webhooks and the seats (bounded).
            return allSeen() || nowMs() - m_lastAcceptMs > 120'000;
        },
        std::max(600'000, m_o.handoffs * 200));
    const double elapsedMs = msSince(started);
    // Anything sent twice arrives within the redelivery that follows a crash: a bounded look.
    spinUntil([] { return false; }, 3'000);
    if (!finished)
        err << "  the run did not finish in time" << Qt::endl;
    summarize(report, elapsedMs);
    stopAll();
    return finished;
}

void Run::summarize(TeamReport& report, double elapsedMs)
{
    // Handoffs as the store recorded them: conversation, customer, when (UTC ms).
    struct Handoff
    {
        QString customer;
        qint64 atMs = 0;
    };
    QHash<QString, Handoff> handoffs;
    {
        DatabaseOpenError error;
        auto db = Database::open(m_database, &error);
        if (db) {
            QSqlQuery q(db->connection());
            if (q.exec(
                    QStringLiteral("SELECT h.conversation_id, c.external_id, h.at_ms FROM handoff_events h "
                                   "JOIN conversations c ON c.id = h.conversation_id")))
                while (q.next())
                    handoffs.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toLongLong()});
        }
    }
    int lost = 0;
    int sameDelivery = 0;     // the same delivery id again (redelivery after a crash)
    int otherDelivery = 0;    // a second delivery id for one handoff: a real duplicate
    QMap<int, int> histogram; // requests per handoff → handoffs
    for (int i = 0; i < m_o.handoffs; ++i) {
        const QString customer = customerOf(i);
        const int n = m_tally.requestsByCustomer.value(customer);
        histogram[n] += 1;
        if (n == 0)
            ++lost;
        const int ids = int(m_tally.deliveryIdsByCustomer.value(customer).size());
        otherDelivery += std::max(0, ids - 1);
        sameDelivery += std::max(0, n - ids);
    }
    QList<double> latencies;
    int invisible = 0;
    for (const Seat& seat : m_seats) {
        for (auto it = handoffs.cbegin(); it != handoffs.cend(); ++it) {
            const qint64 seen = seat.visibleAtMs.value(it.key());
            if (seen == 0)
                ++invisible;
            else
                latencies.append(double(seen - it->atMs));
        }
    }
    QList<double> failovers;
    for (const Failover& f : m_failovers) {
        if (f.done())
            failovers.append(f.ms());
    }

    QStringList each;
    QList<double> owedDelivered;
    for (const Failover& f : m_failovers) {
        if (!f.done())
            continue;
        const double owedMs = f.owedDeliveredAtMs > 0 ? double(f.owedDeliveredAtMs - f.killedAtMs) : 0.0;
        owedDelivered << owedMs;
        each << QStringLiteral("%1 ms (everything owed at the kill delivered after %2)")
                    .arg(f.ms(), 0, 'f', 0)
                    .arg(f.owedDeliveredAtMs > 0 ? QString::number(owedMs, 'f', 0) + QStringLiteral(" ms")
                                                 : QStringLiteral("nothing owed"));
    }
    const QString label = engineLabel(m_o.engine);
    const auto add = [&](const QString& name, const QString& unit, std::optional<double> value,
                         std::optional<double> target) { report.add(label, name, unit, value, target); };
    add(QStringLiteral("handoffs recorded"), QString(), double(handoffs.size()), std::nullopt);
    add(QStringLiteral("handoffs without a webhook (lost)"), QString(), double(lost), 0.0);
    add(QStringLiteral("webhook again, same delivery id (documented: a dead leader's lease runs out)"),
        QString(), double(sameDelivery), std::nullopt);
    add(QStringLiteral("webhook again, another delivery id (duplicate)"), QString(), double(otherDelivery),
        0.0);
    add(QStringLiteral("seat sightings missing"), QString(), double(invisible), 0.0);
    add(QStringLiteral("change → visible on a seat, p50"), QStringLiteral("ms"), percentile(latencies, 0.5),
        std::nullopt);
    add(QStringLiteral("change → visible on a seat, p99"), QStringLiteral("ms"), percentile(latencies, 0.99),
        1000.0);
    add(QStringLiteral("change → visible on a seat, max"), QStringLiteral("ms"), percentile(latencies, 1.0),
        std::nullopt);
    add(QStringLiteral("failover (kill → new leader accepts and delivers), max"), QStringLiteral("ms"),
        failovers.isEmpty() ? std::nullopt
                            : std::optional<double>(*std::max_element(failovers.begin(), failovers.end())),
        10'000.0);
    add(QStringLiteral("kill → every handoff owed at the kill delivered, max"), QStringLiteral("ms"),
        owedDelivered.isEmpty()
            ? std::nullopt
            : std::optional<double>(*std::max_element(owedDelivered.begin(), owedDelivered.end())),
        std::nullopt);
    add(QStringLiteral("handoffs/s (WhatsApp event accepted)"), QStringLiteral("/s"),
        m_lastAcceptMs > m_firstPostMs
            ? std::optional<double>(m_accepted * 1000.0 / double(m_lastAcceptMs - m_firstPostMs))
            : std::nullopt,
        std::nullopt);
    add(QStringLiteral("handoffs/s (webhook received)"), QStringLiteral("/s"),
        m_tally.lastArrivalMs > m_firstPostMs
            ? std::optional<double>(double(m_tally.requestsByCustomer.size()) * 1000.0 /
                                    double(m_tally.lastArrivalMs - m_firstPostMs))
            : std::nullopt,
        std::nullopt);

    QStringList perHandoff;
    for (auto it = histogram.cbegin(); it != histogram.cend(); ++it)
        perHandoff << QStringLiteral("%1 handoffs × %2").arg(it.value()).arg(it.key());
    report.addNote(QStringLiteral("%1 team: %2 handoffs driven through the WhatsApp webhook (%3 events in "
                                  "flight; %4 sent again after a non-2xx or a dropped connection), %5 seats, "
                                  "leader killed with SIGKILL %6 times. Webhooks received per handoff (every "
                                  "answer 2xx): %7; %8 in all. Failovers: %9. %10 of %11 seat sightings "
                                  "missing. %12 s in all.")
                       .arg(label)
                       .arg(m_o.handoffs)
                       .arg(m_o.inFlight)
                       .arg(m_retries)
                       .arg(m_o.seats)
                       .arg(m_o.kills)
                       .arg(perHandoff.join(QStringLiteral(", ")))
                       .arg(m_tally.requests)
                       .arg(each.isEmpty() ? QStringLiteral("none") : each.join(QStringLiteral(", ")))
                       .arg(invisible)
                       .arg(qsizetype(handoffs.size()) * qsizetype(m_seats.size()))
                       .arg(elapsedMs / 1000.0, 0, 'f', 1));
}

} // namespace

void TeamReport::add(const QString& engine, const QString& name, const QString& unit,
                     std::optional<double> value, std::optional<double> target)
{
    if (!m_engines.contains(engine))
        m_engines.append(engine);
    for (Row& row : m_rows) {
        if (row.name == name) {
            row.values.insert(engine, value);
            return;
        }
    }
    m_rows.append({name, unit, target, {{engine, value}}});
}

QString TeamReport::markdown() const
{
    const auto format = [](const Row& row, std::optional<double> value) {
        if (!value)
            return QStringLiteral("not measured");
        if (row.unit.isEmpty())
            return QString::number(qint64(*value));
        return formatValue(*value, row.unit);
    };
    QString out = QStringLiteral("| figure | target |");
    QString rule = QStringLiteral("| --- | --- |");
    for (const QString& engine : m_engines) {
        out += u' ' + engine + QStringLiteral(" |");
        rule += QStringLiteral(" ---: |");
    }
    out += u'\n' + rule + u'\n';
    QStringList misses;
    for (const Row& row : m_rows) {
        QString target;
        if (row.target)
            target = QStringLiteral("≤ ") + (row.unit.isEmpty() ? QString::number(qint64(*row.target))
                                                                : formatValue(*row.target, row.unit));
        out += QStringLiteral("| %1 | %2 |").arg(row.name, target);
        for (const QString& engine : m_engines) {
            const std::optional<double> value = row.values.value(engine);
            const bool missed = row.target && (!value || *value > *row.target);
            if (missed)
                misses << QStringLiteral("%1, %2: %3").arg(engine, row.name, format(row, value));
            out += u' ' + format(row, value) +
                   (row.target ? (missed ? QStringLiteral(" **miss**") : QStringLiteral(" ok")) : QString()) +
                   QStringLiteral(" |");
        }
        out += u'\n';
    }
    out += QStringLiteral("\n**Misses**: ") +
           (misses.isEmpty() ? QStringLiteral("none") : misses.join(QStringLiteral("; "))) +
           QStringLiteral("\n");
    for (const QString& note : m_notes)
        out += u'\n' + note + u'\n';
    return out;
}

int TeamBenchmark::command(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A leader, a standby and seats as real processes; the leader killed on the way."));
    parser.addHelpOption();
    const QCommandLineOption engine(QStringLiteral("engine"), QStringLiteral("postgresql, sqlite or both."),
                                    QStringLiteral("ENGINE"), QStringLiteral("both"));
    const QCommandLineOption handoffs(QStringLiteral("handoffs"), QStringLiteral("Handoffs to drive."),
                                      QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption seats(QStringLiteral("seats"), QStringLiteral("Seat processes."),
                                   QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption kills(QStringLiteral("kills"), QStringLiteral("Leader kills (SIGKILL)."),
                                   QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption inFlight(QStringLiteral("in-flight"),
                                      QStringLiteral("WhatsApp events posted at once."), QStringLiteral("N"),
                                      QStringLiteral("16"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Where the run's files live."), QStringLiteral("DIR"),
                                     QStringLiteral("/tmp/zapito-bench"));
    const QCommandLineOption markdown(QStringLiteral("markdown"),
                                      QStringLiteral("Also write the report here."), QStringLiteral("FILE"));
    parser.addOptions({engine, handoffs, seats, kills, inFlight, dataDir, markdown});
    parser.process(arguments);
    const QString which = parser.value(engine);
    if (which != QLatin1String("postgresql") && which != QLatin1String("sqlite") &&
        which != QLatin1String("both")) {
        std::fputs("team: --engine is postgresql, sqlite or both\n", stderr);
        return 2;
    }
    Options o;
    o.handoffs = std::max(1, parser.value(handoffs).toInt());
    o.seats = std::max(1, parser.value(seats).toInt());
    o.kills = std::max(0, parser.value(kills).toInt());
    o.inFlight = std::max(1, parser.value(inFlight).toInt());
    o.workDir = parser.value(dataDir);
    QDir().mkpath(o.workDir);
    o.inboxBinary = QStringLiteral(ZAPITO_INBOX_BINARY);
    o.benchBinary = QCoreApplication::applicationFilePath();
    o.clusterScript = QStringLiteral(ZAPITO_SOURCE_DIR "/packaging/postgres-cluster.sh");
    TeamReport report;
    const QString loadBefore = loadAverage();
    const auto started = Clock::now();
    bool ok = true;
    for (const QString& e : {QStringLiteral("postgresql"), QStringLiteral("sqlite")}) {
        if (which != e && which != QLatin1String("both"))
            continue;
        o.engine = e;
        ok = run(o, report) && ok;
    }
    report.addNote(QStringLiteral("Machine: %1, %2 cores, %3 RAM; load average %4 before, %5 after; "
                                  "%6 min in all; %7 UTC.")
                       .arg(cpuModel())
                       .arg(QThread::idealThreadCount())
                       .arg(memoryTotal(), loadBefore, loadAverage())
                       .arg(msSince(started) / 60'000.0, 0, 'f', 1)
                       .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    publishReport(report.markdown(), parser.value(markdown));
    return ok ? 0 : 1;
}

bool TeamBenchmark::run(const Options& options, TeamReport& report)
{
    Run run(options);
    return run.execute(report);
}

int TeamBenchmark::seatMain(const QStringList& arguments)
{
    const QString database = arguments.value(arguments.indexOf(QStringLiteral("--database")) + 1);
    DatabaseOpenError error;
    auto services = InboxServices::create(database, &error);
    if (!services) {
        QTextStream(stderr) << "team-seat: " << error.message << Qt::endl;
        return 1;
    }
    // The window's own list model, fed by the change feed: a row counts once it shows a handoff.
    ConversationListModel list(services->store());
    QSet<QString> seen;
    QTextStream out(stdout);
    const auto check = [&](int first, int last) {
        for (int row = std::max(0, first); row <= last && row < list.rowCount(); ++row) {
            const QModelIndex index = list.index(row, 0);
            if (!index.data(ConversationRoles::NeedsHumanRole).toBool())
                continue;
            const QString id = index.data(ConversationRoles::IdRole).toString();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            out << "visible " << id << ' ' << nowMs() << '\n';
            out.flush();
        }
    };
    QObject::connect(&list, &QAbstractItemModel::rowsInserted,
                     [&](const QModelIndex&, int first, int last) { check(first, last); });
    QObject::connect(&list, &QAbstractItemModel::dataChanged,
                     [&](const QModelIndex& tl, const QModelIndex& br) { check(tl.row(), br.row()); });
    QObject::connect(&list, &QAbstractItemModel::rowsMoved,
                     [&](const QModelIndex&, int first, int last, const QModelIndex&, int destination) {
                         const int moved = last - first;
                         const int to = destination > first ? destination - moved - 1 : destination;
                         check(to, to + moved);
                     });
    bool ready = false;
    QObject::connect(&list, &ConversationListModel::pageLoaded, [&] {
        check(0, list.rowCount() - 1);
        if (!ready) {
            ready = true;
            out << "ready\n";
            out.flush();
        }
    });
    list.setPageSize(1'000'000); // every conversation of the run, so none waits on a scroll
    list.reload();
    return QCoreApplication::exec();
}

} // namespace zapito::bench
