// SPDX-License-Identifier: Apache-2.0
#include "inboxbenchmark.h"

#include "benchsupport.h"
#include "naiveinbox.h"
#include "productinbox.h"

#include <QDateTime>
#include <QLocale>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <atomic>
#include <functional>
#include <memory>
#include <random>

namespace zapito::bench {

namespace {

struct Samples
{
    QList<double> open, toggle, transcript, scroll, live, resolve, stall;
    QMap<SearchKind, QList<double>> search;
    QMap<SearchKind, int> rowsListed; // after the search, in the last pass: a check on the scope
    ScrollResult lastScroll;
};

void keep(QList<double>& list, double value)
{
    if (value >= 0)
        list.append(value);
}

// Live messages are stamped now and later, each after the one before, as a channel stamps them.
qint64 nextMessageTime()
{
    static qint64 last = 0;
    last = std::max(last + 1, QDateTime::currentMSecsSinceEpoch());
    return last;
}

// A listed conversation to write to, other than the open transcript and not already on top.
QString liveTarget(const InboxScenario& s, int preferredRow, const QString& open)
{
    for (int row = preferredRow; row < s.listedRows(); ++row) {
        const QString id = s.listedId(row);
        if (row > 0 && id != open)
            return id;
    }
    return {};
}

// 200 (by default) things an operator does, picked by a fixed seed so every approach and every
// run gets the same script: searching (and then opening a result or clearing), switching
// Needs a human, opening conversations, resolving, while customers write, to conversations on
// screen and far down the list. Returns the session's worst heartbeat lateness.
double session(InboxScenario& s, const InboxBenchmark::Options& o, const QStringList& anyConversation,
               const QString& open)
{
    std::mt19937 random(12);
    auto uniform = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
    // ZAPITO_BENCH_SESSION=1 prints every action with how long it took, to find a stall's cause.
    static const bool verbose = qEnvironmentVariableIntValue("ZAPITO_BENCH_SESSION") == 1;
    settle(20);
    Heartbeat heartbeat;
    heartbeat.start();
    auto say = [&](int action, const char* what, const QString& detail, const std::function<double()>& step) {
        if (verbose)
            qInfo("session %d: %s %s …", action, what, qPrintable(detail));
        heartbeat.takeWorstSinceLast();
        const double ms = step();
        if (verbose)
            qInfo("session %d: %.2f ms, event loop blocked %.2f ms at worst", action, ms,
                  heartbeat.takeWorstSinceLast());
    };
    for (int action = 0; action < o.sessionActions; ++action) {
        const int pick = uniform(0, 99);
        const int rows = s.listedRows();
        if (!s.searchText().isEmpty()) {
            if (pick < 50 && rows > 0) {
                const int row = uniform(0, std::min(rows, 8) - 1);
                say(action, "open result", s.listedId(row), [&] { return s.openRow(row); });
            } else {
                say(action, "clear search", {}, [&] { return s.search(QString()); });
            }
        } else if (pick < 20) {
            const QString term = o.terms.value(kSearchKinds[uniform(0, 4)]).text;
            say(action, "search", term, [&] { return s.search(term); });
        } else if (pick < 35) {
            const bool on = !s.needsHumanOnly();
            say(action, on ? "Needs a human on" : "Needs a human off", {},
                [&] { return s.toggleNeedsHuman(on); });
        } else if (pick < 60) {
            if (rows > 0) {
                const int row = uniform(0, std::min(rows, 12) - 1);
                say(action, "open", s.listedId(row), [&] { return s.openRow(row); });
            }
        } else if (pick < 70) {
            if (s.needsHumanOnly() && rows > 0)
                say(action, "Mark resolved", s.listedId(0),
                    [&] { return s.markResolved(nextMessageTime()); });
            else
                say(action, "Needs a human on", {}, [&] { return s.toggleNeedsHuman(true); });
        } else {
            // From the store: to a listed conversation, or (with nothing filtered) any one, which
            // then comes in at the top.
            QString target;
            if (!s.needsHumanOnly() && pick >= 85 && !anyConversation.isEmpty())
                target = anyConversation.at(uniform(0, int(anyConversation.size()) - 1));
            else if (rows > 1)
                target = liveTarget(s, uniform(1, std::min(rows, 30) - 1), open);
            if (!target.isEmpty() && target != s.listedId(0))
                say(action, "live message", target, [&] { return s.liveMessage(target, nextMessageTime()); });
        }
    }
    heartbeat.stop();
    return heartbeat.worstLatenessMs();
}

// One operator session: what every approach is timed on, in this order. The scripted session
// and the scroll come last: scrolling to the oldest message leaves the whole transcript loaded,
// which is not the state the other figures are meant to be measured in.
struct PassParts
{
    bool session = false;
    bool scroll = false;
};

void pass(InboxScenario& s, const InboxBenchmark::Options& o, const InboxBenchmark::LongConversation& longOne,
          const QStringList& anyConversation, PassParts parts, Samples& out)
{
    keep(out.open, s.openAndPaintFirstPage(o.databasePath));
    keep(out.toggle, s.toggleNeedsHuman(true));
    s.toggleNeedsHuman(false);
    for (SearchKind kind : kSearchKinds) {
        keep(out.search[kind], s.search(o.terms.value(kind).text));
        out.rowsListed[kind] = s.listedRows();
        s.search(QString());
    }
    keep(out.transcript, s.openTranscript(longOne.id, longOne.externalId));
    keep(out.live, s.liveMessage(liveTarget(s, 3, longOne.id), nextMessageTime()));
    s.toggleNeedsHuman(true);
    keep(out.resolve, s.markResolved(nextMessageTime()));
    if (parts.session)
        keep(out.stall, session(s, o, anyConversation, longOne.id));
    if (parts.scroll) {
        s.search(QString());
        s.toggleNeedsHuman(false);
        s.openTranscript(longOne.id, longOne.externalId);
        out.lastScroll = s.scrollTranscriptToOldest(longOne.messages, o.scrollBudgetMs);
        // A scroll cut short by the budget still says how bad its frames were; the note says
        // how far it got.
        if (out.lastScroll.steps > 0)
            keep(out.scroll, out.lastScroll.worstFrameMs);
    }
}

// Ids spread over the whole list (every n-th by rowid), for live messages to conversations
// that are not on screen; a few hundred, so the child processes' RSS is not the list's.
QStringList someConversations(const QString& databasePath)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("bench-ids-%1").arg(++counter);
    QStringList ids;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT id FROM conversations WHERE rowid % "
                                  "(SELECT MAX(1, COUNT(*) / 400) FROM conversations) = 0"));
            while (q.next())
                ids << q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ids;
}

std::optional<double> childRss(const InboxBenchmark::Options& o, const QString& approach)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList arguments{QStringLiteral("rss"), approach, o.databasePath};
    for (SearchKind kind : kSearchKinds)
        arguments << o.terms.value(kind).text;
    arguments << QString::number(o.scrollBudgetMs);
    child.start(o.executable, arguments);
    if (!child.waitForFinished(600'000) || child.exitCode() != 0)
        return std::nullopt;
    const QByteArray out = child.readAllStandardOutput();
    const qsizetype at = out.indexOf("VmHWM ");
    if (at < 0)
        return std::nullopt;
    return out.mid(at + 6).trimmed().split('\n').value(0).toDouble();
}

QString searchFigureName(SearchKind kind)
{
    switch (kind) {
    case SearchKind::ContactName:
        return QStringLiteral("search a contact name, first page painted");
    case SearchKind::PhoneFragment:
        return QStringLiteral("search a phone fragment, first page painted");
    case SearchKind::CommonWord:
        return QStringLiteral("search a common word, first page painted");
    case SearchKind::RareWord:
        return QStringLiteral("search a rare word, first page painted");
    case SearchKind::NoMatch:
        return QStringLiteral("search with no match, empty state painted");
    }
    return {};
}

} // namespace

InboxBenchmark::LongConversation InboxBenchmark::longConversation(const QString& databasePath)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("bench-long-%1").arg(++counter);
    LongConversation found;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral(
                    "SELECT m.conversation_id, c.external_id, m.n FROM (SELECT conversation_id, "
                    "COUNT(*) AS n FROM messages GROUP BY conversation_id ORDER BY n DESC "
                    "LIMIT 1) m JOIN conversations c ON c.id = m.conversation_id")) &&
                q.next())
                found = {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()};
            else
                qWarning("longest transcript: %s", qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return found;
}

void InboxBenchmark::run(const Options& o, Report& report)
{
    QTextStream err(stderr);
    const LongConversation longOne = longConversation(o.databasePath);
    if (longOne.id.isEmpty())
        qFatal("%s has no conversations", qPrintable(o.databasePath));
    const QStringList anyConversation = someConversations(o.databasePath);

    // Warm-up pass of each approach: fills the page cache with what the timed passes read.
    {
        Samples ignored;
        err << "  " << o.sizeLabel << " warm-up" << Qt::endl;
        {
            ProductInbox p;
            pass(p, o, longOne, anyConversation, {}, ignored);
        }
        if (o.naive) {
            NaiveInbox n;
            pass(n, o, longOne, anyConversation, {}, ignored);
        }
    }
    Samples product, naive;
    for (int r = 0; r < o.runs; ++r) {
        err << "  " << o.sizeLabel << " run " << (r + 1) << "/" << o.runs << Qt::endl;
        {
            ProductInbox p;
            pass(p, o, longOne, anyConversation, {true, true}, product);
        }
        // The baseline's session runs once: its searches read every message, and one session is
        // enough to show how long that holds the screen.
        if (o.naive) {
            NaiveInbox n;
            pass(n, o, longOne, anyConversation, {r == 0, true}, naive);
        }
    }

    auto add = [&](const QString& name, QList<double> Samples::*member, std::optional<double> target,
                   bool interactive = true) {
        report.add(o.sizeLabel, name, QStringLiteral("ms"), median(product.*member),
                   o.naive ? median(naive.*member) : std::nullopt, target, interactive);
    };
    const QString transcript = QLocale(QLocale::English).toString(o.transcriptLength);
    add(QStringLiteral("open + first page painted (warm)"), &Samples::open, 150.0);
    add(QStringLiteral("Needs a human on, painted"), &Samples::toggle, 16.0);
    for (SearchKind kind : kSearchKinds)
        report.add(o.sizeLabel, searchFigureName(kind), QStringLiteral("ms"),
                   median(product.search.value(kind)),
                   o.naive ? median(naive.search.value(kind)) : std::nullopt, 50.0, true);
    add(QStringLiteral("%1-message transcript, first paint").arg(transcript), &Samples::transcript, 16.0);
    add(QStringLiteral("%1-message transcript scrolled newest → oldest, worst frame").arg(transcript),
        &Samples::scroll, 16.0); // every frame within a 60 Hz frame
    add(QStringLiteral("live message to the visible list, painted"), &Samples::live, 5.0);
    add(QStringLiteral("Mark resolved, painted"), &Samples::resolve, 16.0);
    add(QStringLiteral("GUI stall: worst event-loop block in a %1-action session").arg(o.sessionActions),
        &Samples::stall, 16.0);

    QStringList terms;
    for (SearchKind kind : kSearchKinds)
        terms << QStringLiteral("%1 “%2” %3 (%4 / %5)")
                     .arg(DatabaseGenerator::kindName(kind), o.terms.value(kind).text)
                     .arg(o.terms.value(kind).conversations)
                     .arg(product.rowsListed.value(kind))
                     .arg(o.naive ? QString::number(naive.rowsListed.value(kind)) : QStringLiteral("—"));
    report.addNote(
        QStringLiteral("%1: %2 after a warm-up run; the baseline's session ran once. "
                       "Search terms (conversations found; rows listed after the search by Zapito / "
                       "the baseline): %3. Longest transcript: %4 messages; Zapito scrolled it in %5 "
                       "steps, %6 rows shown at the end%7.")
            .arg(o.sizeLabel,
                 o.runs == 1 ? QStringLiteral("one run") : QStringLiteral("medians of %1 runs").arg(o.runs))
            .arg(terms.join(QStringLiteral("; ")))
            .arg(longOne.messages)
            .arg(product.lastScroll.steps)
            .arg(product.lastScroll.rowsShown)
            .arg(product.lastScroll.reachedOldest
                     ? QString()
                     : QStringLiteral(" (stopped by the %1 s budget before the oldest)")
                           .arg(o.scrollBudgetMs / 1000)));

    if (!o.rss)
        return;
    // Peak RSS: a fresh process per approach doing the same pass once (no session).
    auto rssOf = [&](const QString& approach) -> std::optional<double> {
        err << "  " << o.sizeLabel << " peak RSS, " << approach << Qt::endl;
        return childRss(o, approach);
    };
    const auto productRss = rssOf(QStringLiteral("product"));
    const auto naiveRss = o.naive ? rssOf(QStringLiteral("naive")) : std::nullopt;
    report.add(o.sizeLabel, QStringLiteral("peak RSS of the process"), QStringLiteral("MiB"), productRss,
               naiveRss, 150.0, false);
}

int InboxBenchmark::rssChild(const QStringList& a) // rss APPROACH DATABASE TERM×5 SCROLL-BUDGET
{
    Options o;
    o.databasePath = a.value(3);
    int i = 4;
    for (SearchKind kind : kSearchKinds)
        o.terms[kind].text = a.value(i++);
    const LongConversation longOne = longConversation(o.databasePath);
    std::unique_ptr<InboxScenario> scenario;
    if (a.value(2) == QLatin1String("product"))
        scenario = std::make_unique<ProductInbox>();
    else
        scenario = std::make_unique<NaiveInbox>();
    o.scrollBudgetMs = a.value(i).toInt();
    Samples ignored;
    pass(*scenario, o, longOne, {}, {false, true}, ignored);
    QTextStream(stdout) << "VmHWM " << peakRssMiB() << Qt::endl;
    return 0;
}

} // namespace zapito::bench
