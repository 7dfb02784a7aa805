// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace zapito::bench {

// The team run's figures, one column per engine, in Markdown like the `run` report.
class TeamReport final
{
public:
    void add(const QString& engine, const QString& name, const QString& unit, std::optional<double> value,
             std::optional<double> target);
    void addNote(const QString& note) { m_notes.append(note); }
    QString markdown() const;

private:
    struct Row
    {
        QString name;
        QString unit; // empty: a count
        std::optional<double> target;
        QMap<QString, std::optional<double>> values; // by engine
    };
    QList<Row> m_rows;
    QStringList m_engines;
    QStringList m_notes;
};

// One inbox, many seats, as real processes: a leader and a standby (`zapito-inbox --headless`),
// seat processes that follow the change feed through the window's list model, handoffs driven
// through the WhatsApp webhook as fast as the leader takes them, and the leader killed with
// SIGKILL a few times on the way. Measures the webhooks received per handoff, the seats'
// change-to-visible latency, the failover time and the handoffs per second.
class TeamBenchmark final
{
public:
    struct Options
    {
        QString engine;        // "postgresql" or "sqlite"
        int handoffs = 10'000; // one customer (and conversation) each
        int seats = 5;
        int kills = 2;
        int inFlight = 16; // WhatsApp events posted at once
        QString inboxBinary;
        QString benchBinary;
        QString clusterScript; // packaging/postgres-cluster.sh
        QString workDir;
    };

    // `zapito-inbox-bench team [--engine postgresql|sqlite|both] [--handoffs N] [--seats N]
    // [--kills N] [--markdown FILE]`: runs and prints the Markdown report.
    static int command(const QStringList& arguments);

    // False when the run could not be set up or did not finish; what it measured is in `report`.
    static bool run(const Options& options, TeamReport& report);

    // `zapito-inbox-bench team-seat --database DB`: a seat that prints "ready" once its list is
    // loaded, then "visible <conversation id> <UTC ms>" the first time a conversation shows in
    // handoff. Runs until it is terminated.
    static int seatMain(const QStringList& arguments);
};

} // namespace zapito::bench
