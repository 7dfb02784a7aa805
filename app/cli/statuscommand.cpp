// SPDX-License-Identifier: Apache-2.0
#include "statuscommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "domain.h"
#include "leadership.h"
#include "terminaltext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

namespace zapito::cli {

int runStatus(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Shows which process leads the inbox (runs the channels, the bot and the webhook), and the "
           "standbys and seats online.") +
        u'\n' +
        tr("One process a line, tab-separated: role (leader, standby or seat), host, process id, started "
           "(UTC), leading since (UTC; - when not leading), last heartbeat (UTC) and a note (why it cannot "
           "lead; - when none).") +
        u'\n' + escapingNote());
    parser.addHelpOption();
    const QCommandLineOption database = databaseOption();
    parser.addOption(database);
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    // Read-only: status beside a running inbox never writes, migrates or creates.
    auto db = openDatabaseForCommand(parser.value(database), false);
    if (!db)
        return 1;
    const auto rows = Leadership::online(db->connection(), QDateTime::currentMSecsSinceEpoch());
    if (!rows) {
        err << rows.error() << Qt::endl;
        return 1;
    }
    bool led = false;
    for (const Leadership::SeatRow& row : *rows) {
        led = led || row.role == QLatin1String("leader");
        // The host and the note come from another process's row: escaped like every field.
        out << tabSeparatedField(row.role) << '\t' << tabSeparatedField(row.host) << '\t' << row.pid << '\t'
            << toIsoUtcMs(row.startedAtMs) << '\t'
            << (row.leadingSinceMs > 0 ? toIsoUtcMs(row.leadingSinceMs) : QStringLiteral("-")) << '\t'
            << toIsoUtcMs(row.heartbeatAtMs) << '\t'
            << (row.note.isEmpty() ? QStringLiteral("-") : tabSeparatedField(row.note)) << Qt::endl;
    }
    if (!led)
        err << tr("No process leads this inbox: nothing is received or sent until the window or "
                  "zapito-inbox --headless runs.")
            << Qt::endl;
    return 0;
}

} // namespace zapito::cli
