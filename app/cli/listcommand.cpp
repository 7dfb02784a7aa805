// SPDX-License-Identifier: Apache-2.0
#include "listcommand.h"

#include "commanddatabase.h"
#include "commandparsing.h"
#include "conversationstore.h"
#include "terminaltext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace zapito::cli {

namespace {
constexpr int kPage = 500;
} // namespace

int runList(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the conversations, newest first.") + u'\n' +
        tr("One conversation a line, tab-separated: id, channel, status, reason (- "
           "when none), last activity (UTC) and contact name.") +
        u'\n' + escapingNote());
    parser.addHelpOption();
    const QCommandLineOption needsHuman(QStringLiteral("needs-human"),
                                        tr("Only conversations waiting for a human."));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print a JSON array."));
    const QCommandLineOption database = databaseOption();
    parser.addOptions({needsHuman, json, database});
    if (const auto exit = parseCommandLine(parser, arguments))
        return *exit;
    auto db = openDatabaseForCommand(parser.value(database), false);
    if (!db)
        return 1;
    ConversationStore store(*db);
    ConversationFilter filter;
    filter.view = parser.isSet(needsHuman) ? InboxView::NeedsHuman : InboxView::All;

    QJsonArray array;
    std::optional<PageCursor> after;
    for (;;) {
        auto page = store.conversationsPage(filter, kPage, after);
        if (!page) {
            err << page.error() << Qt::endl;
            return 1;
        }
        for (const Conversation& c : *page) {
            const QString reason = c.openHandoffReason ? asString(*c.openHandoffReason) : QString();
            if (parser.isSet(json)) {
                array.append(QJsonObject{{QStringLiteral("id"), c.id},
                                         {QStringLiteral("channel"), c.channel},
                                         {QStringLiteral("externalId"), c.externalId},
                                         {QStringLiteral("contactName"), c.contactName},
                                         {QStringLiteral("status"), asString(c.status)},
                                         {QStringLiteral("reason"), reason.isEmpty() ? QJsonValue() : reason},
                                         {QStringLiteral("lastActivity"), toIsoUtcMs(c.lastActivityMs)},
                                         {QStringLiteral("lastMessage"), c.lastMessagePreview},
                                         {QStringLiteral("unread"), c.unreadCount}});
            } else {
                // Tab-separated, one conversation a line, so it pipes into cut/awk; a name never
                // adds a row or a column (tabSeparatedField()).
                out << tabSeparatedField(c.id) << '\t' << tabSeparatedField(c.channel) << '\t'
                    << asString(c.status) << '\t' << (reason.isEmpty() ? QStringLiteral("-") : reason) << '\t'
                    << toIsoUtcMs(c.lastActivityMs) << '\t' << tabSeparatedField(c.contactName) << Qt::endl;
            }
        }
        if (page->size() < kPage)
            break;
        after = PageCursor::after(page->constLast());
    }
    if (parser.isSet(json))
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace zapito::cli
