// SPDX-License-Identifier: Apache-2.0
#include "inboxbenchmark.h"

#include "benchsupport.h"
#include "databasegenerator.h"
#include "limitinbox.h"
#include "naiveinbox.h"
#include "productinbox.h"

#include <QDataStream>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>
#include <QTextStream>

#include <sqlite3.h>

namespace zapito::bench {

namespace {

struct Samples
{
    QList<double> open, toggle, search, transcript, live, resolve;
};

void keep(QList<double>& list, double value)
{
    if (value >= 0)
        list.append(value);
}

// One operator session: what every approach is timed on, in this order.
void pass(InboxScenario& s, const QString& path, const QString& term, const QString& longId, Samples& out)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    keep(out.open, s.openAndPaintFirstPage(path));
    keep(out.toggle, s.toggleNeedsHuman(true));
    s.toggleNeedsHuman(false);
    keep(out.search, s.search(term));
    s.search(QString());
    keep(out.transcript, s.openTranscript(longId));
    keep(out.live, s.liveMessage(now));
    s.toggleNeedsHuman(true);
    keep(out.resolve, s.markResolved(now + 1));
}

QHash<Step, QStringList> readSql(const QString& file)
{
    QFile f(file);
    QHash<Step, QStringList> sql;
    if (!f.open(QIODevice::ReadOnly))
        return sql;
    QDataStream in(&f);
    QHash<int, QStringList> raw;
    in >> raw;
    for (auto it = raw.cbegin(); it != raw.cend(); ++it)
        sql.insert(Step(it.key()), it.value());
    return sql;
}

bool writeSql(QFile& f, const QHash<Step, QStringList>& sql)
{
    QHash<int, QStringList> raw;
    for (auto it = sql.cbegin(); it != sql.cend(); ++it)
        raw.insert(int(it.key()), it.value());
    QDataStream out(&f);
    out << raw;
    return f.flush();
}

std::optional<double> childRss(const InboxBenchmark::Options& o, const QString& approach,
                               const QString& sqlFile)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(o.executable, {QStringLiteral("rss"), approach, o.databasePath, sqlFile, o.searchTerm});
    if (!child.waitForFinished(300'000) || child.exitCode() != 0)
        return std::nullopt;
    const QByteArray out = child.readAllStandardOutput();
    const qsizetype at = out.indexOf("VmHWM ");
    if (at < 0)
        return std::nullopt;
    return out.mid(at + 6).trimmed().split('\n').value(0).toDouble();
}

} // namespace

QString InboxBenchmark::longConversationId(const QString& databasePath)
{
    sqlite3* db = nullptr;
    QString id;
    if (sqlite3_open_v2(databasePath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* q = nullptr;
        const QByteArray sql = "SELECT id FROM conversations WHERE channel = ? AND external_id = ?";
        const QByteArray channel = DatabaseGenerator::longConversationChannel().toUtf8();
        const QByteArray external = DatabaseGenerator::longConversationExternalId().toUtf8();
        sqlite3_prepare_v2(db, sql.constData(), -1, &q, nullptr);
        sqlite3_bind_text(q, 1, channel.constData(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, external.constData(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_ROW)
            id = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
        sqlite3_finalize(q);
    }
    sqlite3_close_v2(db);
    return id;
}

void InboxBenchmark::run(const Options& o, Report& report)
{
    QTextStream err(stderr);
    const QString longId = longConversationId(o.databasePath);
    if (longId.isEmpty())
        qFatal("%s has no long transcript conversation; generate it first", qPrintable(o.databasePath));

    // Warm-up pass: fills the page cache and records the product's SQL for the limit.
    QHash<Step, QStringList> sql;
    {
        Samples ignored;
        ProductInbox recorder(true);
        pass(recorder, o.databasePath, o.searchTerm, longId, ignored);
        sql = recorder.recordedSql();
    }
    Samples product, naive, limit;
    QList<double> emptyWindow;
    for (int r = 0; r < o.runs; ++r) {
        err << "  " << o.sizeLabel << " run " << (r + 1) << "/" << o.runs << Qt::endl;
        {
            ProductInbox p;
            pass(p, o.databasePath, o.searchTerm, longId, product);
        }
        if (o.naive) {
            NaiveInbox n;
            pass(n, o.databasePath, o.searchTerm, longId, naive);
        }
        {
            LimitInbox l(sql);
            pass(l, o.databasePath, o.searchTerm, longId, limit);
            emptyWindow << l.emptyWindowMs();
        }
    }

    // The targets are set at 100k conversations / 2M messages.
    const bool big = o.sizeLabel == QLatin1String("100k/2M");
    auto add = [&](const QString& name, QList<double> Samples::*member, std::optional<double> target) {
        Figure f;
        f.name = name;
        f.size = o.sizeLabel;
        f.unit = QStringLiteral("ms");
        f.product = median(product.*member);
        f.naive = median(naive.*member);
        f.limit = median(limit.*member);
        f.target = big ? target : std::nullopt;
        f.samples = int((product.*member).size());
        report.add(f);
    };
    add(QStringLiteral("open + first page painted (warm)"), &Samples::open, 150.0);
    add(QStringLiteral("Needs a human on, painted"), &Samples::toggle, 16.0);
    add(QStringLiteral("search \"%1\", painted").arg(o.searchTerm), &Samples::search, std::nullopt);
    add(QStringLiteral("5,000-message transcript, first paint"), &Samples::transcript, 16.0);
    add(QStringLiteral("live message to the visible list"), &Samples::live, 5.0);
    add(QStringLiteral("Mark resolved, painted"), &Samples::resolve, std::nullopt);

    report.addNote(QStringLiteral("%1: medians of %2 runs after a warm-up run; of the limit's first page, "
                                  "%3 ms is showing the empty QMainWindow offscreen.")
                       .arg(o.sizeLabel)
                       .arg(o.runs)
                       .arg(median(emptyWindow).value_or(0), 0, 'f', 2));
    QTemporaryFile sqlFile;
    if (sqlFile.open())
        writeSql(sqlFile, sql);
    // Peak RSS: a fresh process per approach doing the same session once; the median of three.
    auto rssOf = [&](const QString& approach) {
        QList<double> peaks;
        for (int i = 0; i < 3; ++i) {
            if (const auto peak = childRss(o, approach, sqlFile.fileName()))
                peaks << *peak;
        }
        return median(peaks);
    };
    Figure rss;
    rss.name = QStringLiteral("peak RSS of the process");
    rss.size = o.sizeLabel;
    rss.unit = QStringLiteral("MiB");
    rss.product = rssOf(QStringLiteral("product"));
    if (o.naive)
        rss.naive = rssOf(QStringLiteral("naive"));
    rss.limit = rssOf(QStringLiteral("limit"));
    rss.target = big ? std::optional<double>(150.0) : std::nullopt;
    rss.samples = 3;
    report.add(rss);
    err << "  SQL statements per step (product): open " << sql.value(Step::Open).size() << ", toggle "
        << sql.value(Step::ToggleOn).size() << ", search " << sql.value(Step::Search).size()
        << ", transcript " << sql.value(Step::Transcript).size() << ", live " << sql.value(Step::Live).size()
        << ", resolve " << sql.value(Step::Resolve).size() << Qt::endl;
}

int InboxBenchmark::rssChild(const QString& approach, const QString& databasePath, const QString& sqlFile,
                             const QString& searchTerm)
{
    const QString longId = longConversationId(databasePath);
    std::unique_ptr<InboxScenario> scenario;
    if (approach == QLatin1String("product"))
        scenario = std::make_unique<ProductInbox>();
    else if (approach == QLatin1String("naive"))
        scenario = std::make_unique<NaiveInbox>();
    else
        scenario = std::make_unique<LimitInbox>(readSql(sqlFile));
    Samples ignored;
    pass(*scenario, databasePath, searchTerm, longId, ignored);
    QTextStream(stdout) << "VmHWM " << peakRssMiB() << Qt::endl;
    return 0;
}

} // namespace zapito::bench
