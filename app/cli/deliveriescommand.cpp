// SPDX-License-Identifier: Apache-2.0
#include "deliveriescommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "deliverystore.h"
#include "domain.h"
#include "terminaltext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace zapito::cli {

int runDeliveries(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists every handoff's webhook delivery, newest first.") + u'\n' +
                                     tr("One delivery a line, tab-separated: handoff id, conversation id, "
                                        "reason, outcome, attempts and time (UTC).") +
                                     u'\n' + escapingNote());
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), tr("Print a JSON array."));
    const QCommandLineOption database = databaseOption();
    parser.addOptions({json, database});
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    auto db = openDatabaseForCommand(parser.value(database), false);
    if (!db)
        return 1;
    const auto deliveries = DeliveryStore(*db).summaries();
    if (!deliveries) {
        err << deliveries.error() << Qt::endl;
        return 1;
    }
    QJsonArray array;
    for (const DeliverySummary& d : *deliveries) {
        const QString at = toIsoUtcMs(d.atMs);
        if (parser.isSet(json)) {
            array.append(QJsonObject{{QStringLiteral("handoffId"), d.handoffEventId},
                                     {QStringLiteral("conversationId"), d.conversationId},
                                     {QStringLiteral("reason"), d.reason},
                                     {QStringLiteral("outcome"), d.outcome},
                                     {QStringLiteral("attempts"), d.attempts},
                                     {QStringLiteral("lastHttpStatus"), d.lastHttpStatus},
                                     {QStringLiteral("lastError"), d.lastError},
                                     {QStringLiteral("at"), at},
                                     {QStringLiteral("resolved"), d.resolved}});
        } else {
            out << d.handoffEventId << '\t' << tabSeparatedField(d.conversationId) << '\t'
                << tabSeparatedField(d.reason) << '\t' << tabSeparatedField(d.outcome) << '\t' << d.attempts
                << '\t' << at << Qt::endl;
        }
    }
    if (parser.isSet(json))
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace zapito::cli
