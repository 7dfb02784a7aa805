#include "deliveriescommand.h"

#include "commanddatabase.h"
#include "domain.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace zapito::cli {

namespace {
QString tr(const char* text)
{
    // lupdate files tr() calls in this namespace under "zapito::cli"; the catalogue must match.
    return QCoreApplication::translate("zapito::cli", text);
}
} // namespace

int runDeliveries(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Lists every handoff's webhook delivery, newest first."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), tr("Print a JSON array."));
    const QCommandLineOption database = databaseOption();
    parser.addOptions({json, database});
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    auto db = openDatabaseForCommand(parser.value(database), false);
    if (!db)
        return 1;
    QSqlQuery q(db->connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT e.id, e.conversation_id, e.reason, e.delivery_outcome, e.at_ms, e.resolved_at_ms, "
            "(SELECT COUNT(*) FROM delivery_attempts a WHERE a.handoff_event_id = e.id), "
            "(SELECT a.http_status FROM delivery_attempts a WHERE a.handoff_event_id = e.id ORDER BY a.id "
            "DESC "
            "LIMIT 1), "
            "(SELECT a.error FROM delivery_attempts a WHERE a.handoff_event_id = e.id ORDER BY a.id DESC "
            "LIMIT 1) "
            "FROM handoff_events e ORDER BY e.id DESC"))) {
        err << q.lastError().text() << Qt::endl;
        return 1;
    }
    QJsonArray array;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        const QString conversation = q.value(1).toString();
        const QString reason = q.value(2).toString();
        const QString outcome = q.value(3).toString();
        const QString at = toIsoUtcMs(q.value(4).toLongLong());
        const bool resolved = !q.value(5).isNull();
        const int attempts = q.value(6).toInt();
        const int lastStatus = q.value(7).toInt();
        const QString lastError = q.value(8).toString();
        if (parser.isSet(json)) {
            array.append(QJsonObject{{QStringLiteral("handoffId"), id},
                                     {QStringLiteral("conversationId"), conversation},
                                     {QStringLiteral("reason"), reason},
                                     {QStringLiteral("outcome"), outcome},
                                     {QStringLiteral("attempts"), attempts},
                                     {QStringLiteral("lastHttpStatus"), lastStatus},
                                     {QStringLiteral("lastError"), lastError},
                                     {QStringLiteral("at"), at},
                                     {QStringLiteral("resolved"), resolved}});
        } else {
            out << id << '\t' << conversation << '\t' << reason << '\t' << outcome << '\t' << attempts << '\t'
                << at << Qt::endl;
        }
    }
    if (parser.isSet(json))
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace zapito::cli
