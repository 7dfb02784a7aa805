// SPDX-License-Identifier: Apache-2.0
#include "databasegenerator.h"

#include "conversationstore.h"
#include "database.h"
#include "leadpayload.h"
#include "migrator.h"
#include "sampletext.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

namespace zapito::bench {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kTwoYearsMs = 730 * kDayMs;
constexpr int kBatch = 2'000; // conversations per big write transaction
// Raised whenever the generator writes different data for the same options, so databases
// written by an older generator are not reused.
constexpr int kGeneratorVersion = 3;
const QString kHandoffText = QStringLiteral("Connecting you with a team member right away.");

struct Plan
{
    int messages = 1;
    qint64 lastActivityMs = 0;
    std::optional<HandoffReason> openHandoff;
    bool resolvedHandoff = false;
    bool isLong = false;
};

// Same rule as the store's preview: one simplified line, cut at 140 with an ellipsis.
QString previewOf(const QString& content)
{
    QString line = content.simplified();
    if (line.size() > 140)
        line = QString(line.left(139) + QChar(0x2026));
    return line;
}

Status exec(QSqlDatabase db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Status::failure(sql + QStringLiteral(": ") + q.lastError().text());
    return Status::ok();
}

// Message times going back from the last activity: mostly seconds apart inside a chat session,
// sometimes hours, now and then days; squeezed so nothing starts before the two-year window.
std::vector<qint64> messageTimes(SampleText& text, int count, qint64 lastMs, qint64 earliestMs)
{
    std::vector<qint64> gaps(static_cast<std::size_t>(count), 0);
    qint64 span = 0;
    for (int i = 1; i < count; ++i) {
        const double pick = text.unit();
        const qint64 gap = pick < 0.75   ? text.uniform(4, 120) * 1000LL
                           : pick < 0.97 ? text.uniform(120, 3 * 3600) * 1000LL
                                         : text.uniform(1, 20) * kDayMs;
        gaps[std::size_t(i)] = gap;
        span += gap;
    }
    const double squeeze = span > lastMs - earliestMs ? double(lastMs - earliestMs) / double(span) : 1.0;
    std::vector<qint64> times(static_cast<std::size_t>(count));
    qint64 at = lastMs;
    for (int i = count - 1; i >= 0; --i) {
        times[std::size_t(i)] = at;
        if (i > 0)
            at -= std::max<qint64>(1, qint64(double(gaps[std::size_t(i)]) * squeeze));
    }
    return times;
}

std::vector<Plan> makePlans(SampleText& text, const DatabaseGenerator::Options& options, qint64 nowMs)
{
    const int n = options.conversations;
    std::vector<Plan> plans(static_cast<std::size_t>(n));
    const int longIndex = n / 3; // somewhere in the middle of the list, not on the first page
    // A few regulars write a lot, most people a little: log-normal weights.
    std::lognormal_distribution<double> weight(0.0, 1.0);
    std::vector<double> weights(static_cast<std::size_t>(n));
    double total = 0;
    for (int i = 0; i < n; ++i) {
        weights[std::size_t(i)] = i == longIndex ? 0.0 : weight(text.random());
        total += weights[std::size_t(i)];
    }
    const qint64 spread =
        std::max<qint64>(0, options.messages - options.longTranscript - qint64(n - 1)); // one each first
    qint64 given = 0;
    for (int i = 0; i < n; ++i) {
        Plan& p = plans[std::size_t(i)];
        p.isLong = i == longIndex;
        p.messages = p.isLong ? options.longTranscript
                              : 1 + int(std::floor(double(spread) * weights[std::size_t(i)] / total));
        given += p.messages;
        p.lastActivityMs = nowMs - qint64(text.unit() * double(kTwoYearsMs));
        const double pick = text.unit();
        if (pick < 0.05)
            p.openHandoff = HandoffReason(text.uniform(0, 3));
        else if (pick < 0.08)
            p.resolvedHandoff = true;
    }
    for (int i = 0; given < options.messages && n > 1; i = (i + 1) % n) {
        if (!plans[std::size_t(i)].isLong) {
            ++plans[std::size_t(i)].messages;
            ++given;
        }
    }
    plans[std::size_t(longIndex)].lastActivityMs = nowMs - 3 * 3600 * 1000; // recent, as a busy regular
    return plans;
}

void countLead(const SampleText& text, DatabaseGenerator::Result& result)
{
    if (text.lastLead() == SampleText::Lead::CommonWord)
        ++result.commonWordMessages;
    else if (text.lastLead() == SampleText::Lead::RareWord)
        ++result.rareWordMessages;
}

QString likePattern(const QString& text)
{
    return QString(u'%' + text + u'%'); // the terms hold no LIKE wildcards
}

// How many conversations a term finds in the product's scope: name, number or message text.
Expected<qint64> conversationsMatching(QSqlDatabase db, const QString& term)
{
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM conversations c WHERE contact_name LIKE ? OR external_id LIKE ? "
                       "OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND "
                       "m.content LIKE ?)"));
    for (int i = 0; i < 3; ++i)
        q.addBindValue(likePattern(term));
    if (!q.exec() || !q.next())
        return Expected<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

QByteArray payload(const Bot& bot, const Conversation& c, const QList<Message>& transcript,
                   HandoffReason reason, qint64 atMs)
{
    return buildLeadPayload(bot, c, transcript, reason, atMs);
}

} // namespace

Expected<DatabaseGenerator::Result> DatabaseGenerator::generate(const Options& options)
{
    using R = Expected<Result>;
    QElapsedTimer clock;
    clock.start();
    // The record goes first: a generation cut short must never be taken for a finished one.
    for (const char* suffix : {".json", "", "-wal", "-shm", ".lock"})
        QFile::remove(options.path + QLatin1String(suffix));

    DatabaseOpenError openError;
    Database::Options dbOptions;
    dbOptions.takeInstanceLock = false;
    auto database = Database::open(options.path, dbOptions, &openError);
    if (!database)
        return R::failure(openError.message);
    QSqlDatabase db = database->connection();
    // A throw-away file being filled: durability buys nothing here (no journal, no fsync; WAL is
    // switched back on at the end, as the app expects), a big page cache buys a lot.
    for (const char* pragma : {"PRAGMA synchronous = OFF", "PRAGMA cache_size = -262144",
                               "PRAGMA temp_store = MEMORY", "PRAGMA journal_mode = OFF"}) {
        if (const Status s = exec(db, QLatin1String(pragma)); !s)
            return R::failure(s.error());
    }

    // Indexing every message into FTS5 one insert at a time costs most of the generation. The
    // insert triggers on messages that only feed full-text indexes kept from messages (external
    // content, content='messages') are set aside for the bulk and those indexes rebuilt in one
    // pass afterwards, which is exactly what migration 0002 does for older databases; every other
    // trigger (the sequence number's, say) stays and fires as in the app. The triggers are put
    // back with their own SQL before the long transcript is written through appendMessage, so
    // the schema is the app's, byte for byte.
    QStringList rebuildable;
    QStringList insertTriggers;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                                   "sql LIKE 'CREATE VIRTUAL TABLE%'")))
            return R::failure(q.lastError().text());
        static const QRegularExpression fromMessages(
            QStringLiteral("content\\s*=\\s*['\"]?messages['\"]?[\\s,)]"),
            QRegularExpression::CaseInsensitiveOption);
        while (q.next()) {
            if (q.value(1).toString().contains(fromMessages))
                rebuildable << q.value(0).toString();
        }
        if (!q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                                   "tbl_name = 'messages' AND sql LIKE '%AFTER INSERT ON messages%'")))
            return R::failure(q.lastError().text());
        static const QRegularExpression writes(
            QStringLiteral("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+[\"'`]?(\\w+)"),
            QRegularExpression::CaseInsensitiveOption);
        QStringList names;
        while (q.next()) {
            const QString sql = q.value(1).toString();
            const qsizetype body = sql.indexOf(QLatin1String("BEGIN"), 0, Qt::CaseInsensitive);
            bool onlyIndexes = body >= 0;
            auto it = writes.globalMatch(sql.mid(body));
            while (it.hasNext()) {
                if (!rebuildable.contains(it.next().captured(1), Qt::CaseInsensitive))
                    onlyIndexes = false;
            }
            if (onlyIndexes) {
                names << q.value(0).toString();
                insertTriggers << sql;
            }
        }
        q.finish();
        for (const QString& name : std::as_const(names)) {
            if (const Status s = exec(db, QStringLiteral("DROP TRIGGER \"%1\"").arg(name)); !s)
                return R::failure(s.error());
        }
    }

    ConversationStore store(*database);
    const auto bot = store.ensureBot(QStringLiteral("Luna Café"));
    if (!bot)
        return R::failure(bot.error());

    SampleText text(options.seed);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 earliestMs = nowMs - kTwoYearsMs - 30 * kDayMs;
    const std::vector<Plan> plans = makePlans(text, options, nowMs);

    // The bulk of the messages goes in through prepared INSERTs on the store's own connection,
    // thousands per transaction: ConversationStore::appendMessage opens its own BEGIN IMMEDIATE,
    // which cannot nest, and one transaction per message would take an hour for 2M.
    QSqlQuery insert(db);
    // The columns MessageWriter::append writes (the rest keep their defaults): the sequence number
    // given here, as the writer does, and a send state on what the bot and operators sent.
    insert.prepare(QStringLiteral("INSERT INTO messages (conversation_id, role, content, at_ms, "
                                  "external_message_id, seq, send_state) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery touch(db);
    touch.prepare(QStringLiteral("UPDATE conversations SET last_activity_ms = ?, last_message_preview = ?, "
                                 "unread_count = ?, last_seq = ? WHERE id = ?"));
    const QString sent = asString(SendState::Sent);
    const QString roleNames[] = {asString(MessageRole::User), asString(MessageRole::Assistant),
                                 asString(MessageRole::Operator)};

    Result result;
    qint64 externalCounter = 1'000'000;
    struct Pending
    {
        QString id;
        const Plan* plan;
    };
    for (std::size_t start = 0; start < plans.size(); start += kBatch) {
        const std::size_t end = std::min(plans.size(), start + kBatch);
        std::vector<Pending> handoffs;
        if (const Status s = exec(db, QStringLiteral("BEGIN")); !s)
            return R::failure(s.error());
        for (std::size_t i = start; i < end; ++i) {
            const Plan& plan = plans[i];
            const bool whatsapp = plan.isLong || text.unit() < 0.6;
            const QString channel = whatsapp ? QStringLiteral("whatsapp") : QStringLiteral("telegram");
            const QString externalId = plan.isLong ? QStringLiteral("5511900005000")
                                       : whatsapp  ? QString::number(5511900000000LL + qint64(i) * 7919)
                                                   : QString::number(100000000LL + qint64(i) * 104729);
            const std::vector<qint64> times =
                messageTimes(text, plan.messages, plan.lastActivityMs, earliestMs);
            auto conv =
                store.upsertConversation(bot->id, channel, externalId, text.contactName(), times.front());
            if (!conv)
                return R::failure(conv.error());
            if (plan.isLong) {
                result.longConversationId = conv->id;
                continue; // written below through appendMessage itself
            }
            int role = 0;
            int trailingUser = 0;
            QString last;
            for (int m = 0; m < plan.messages; ++m) {
                last = text.chatLine();
                countLead(text, result);
                insert.bindValue(0, conv->id);
                insert.bindValue(1, roleNames[role]);
                insert.bindValue(2, last);
                insert.bindValue(3, times[std::size_t(m)]);
                insert.bindValue(4, role == 0 ? QVariant(QStringLiteral("wamid.%1").arg(++externalCounter))
                                              : QVariant(QMetaType(QMetaType::QString)));
                insert.bindValue(5, m + 1);
                insert.bindValue(6, role == 0 ? QVariant(QMetaType(QMetaType::QString)) : QVariant(sent));
                if (!insert.exec())
                    return R::failure(insert.lastError().text());
                trailingUser = role == 0 ? trailingUser + 1 : 0;
                // Chat alternates, with the odd double message and an operator now and then.
                const double next = text.unit();
                role = role == 0 ? (next < 0.8 ? 1 : 0) : (next < 0.03 ? 2 : next < 0.88 ? 0 : 1);
            }
            // Older conversations have been read; recent ones show their unanswered lines.
            const bool recent = nowMs - plan.lastActivityMs < 3 * kDayMs;
            touch.bindValue(0, plan.lastActivityMs);
            touch.bindValue(1, previewOf(last));
            touch.bindValue(2, recent ? trailingUser : 0);
            touch.bindValue(3, plan.messages);
            touch.bindValue(4, conv->id);
            if (!touch.exec())
                return R::failure(touch.lastError().text());
            if (plan.openHandoff || plan.resolvedHandoff)
                handoffs.push_back({conv->id, &plan});
        }
        if (const Status s = exec(db, QStringLiteral("COMMIT")); !s)
            return R::failure(s.error());

        // Handoffs go through the store's own transaction, so events and payloads are the real ones.
        for (const Pending& h : handoffs) {
            const HandoffReason reason = h.plan->openHandoff.value_or(HandoffReason(text.uniform(0, 3)));
            const qint64 at = h.plan->lastActivityMs + 2'000;
            auto recorded = store.recordHandoff(h.id, kHandoffText, reason, at, payload);
            if (!recorded)
                return R::failure(recorded.error());
            if (h.plan->resolvedHandoff) {
                auto resolved = store.resolve(h.id, QStringLiteral("operator"), at + 600'000);
                if (!resolved)
                    return R::failure(resolved.error());
                ++result.resolvedHandoffs;
            } else {
                ++result.openHandoffs;
            }
        }
    }

    QTextStream(stderr) << "  bulk conversations, messages and handoffs: " << clock.elapsed() << " ms"
                        << Qt::endl;
    for (const QString& table : std::as_const(rebuildable)) {
        if (const Status s =
                exec(db, QStringLiteral("INSERT INTO \"%1\" (\"%1\") VALUES ('rebuild')").arg(table));
            !s)
            return R::failure(s.error());
    }
    for (const QString& sql : std::as_const(insertTriggers)) {
        if (const Status s = exec(db, sql); !s)
            return R::failure(s.error());
    }
    QTextStream(stderr) << "  full-text indexes rebuilt (" << rebuildable.join(QLatin1String(", "))
                        << "): " << clock.elapsed() << " ms" << Qt::endl;
    // The long transcript goes through ConversationStore::appendMessage, one transaction each,
    // exactly as the channels write it.
    if (!result.longConversationId.isEmpty()) {
        const Plan& plan = *std::find_if(plans.begin(), plans.end(), [](const Plan& p) { return p.isLong; });
        const std::vector<qint64> times = messageTimes(text, plan.messages, plan.lastActivityMs, earliestMs);
        for (int m = 0; m < plan.messages; ++m) {
            const MessageRole role = m % 2 == 0 ? MessageRole::User : MessageRole::Assistant;
            const QString line = text.chatLine();
            countLead(text, result);
            auto appended = store.appendMessage(result.longConversationId, role, line, times[std::size_t(m)]);
            if (!appended)
                return R::failure(appended.error());
        }
        (void)store.markRead(result.longConversationId);
    }

    QTextStream(stderr) << "  long transcript through appendMessage: " << clock.elapsed() << " ms"
                        << Qt::endl;
    // History was delivered long ago: one successful attempt per event and an empty outbox, so
    // a window opened on this file does not start posting thousands of old handoffs.
    for (const char* sql :
         {"BEGIN",
          "INSERT INTO delivery_attempts (handoff_event_id, attempted_at_ms, http_status, duration_ms, kind) "
          "SELECT id, at_ms + 250, 200, 180, 'first' FROM handoff_events",
          "UPDATE handoff_events SET delivery_outcome = 'sent'", "DELETE FROM webhook_outbox", "COMMIT",
          "PRAGMA journal_mode = WAL"}) {
        if (const Status s = exec(db, QLatin1String(sql)); !s)
            return R::failure(s.error());
    }
    // The phone fragment: six digits of the number that has been quiet longest, so the search
    // has to go through the whole list to find its one or two conversations.
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT external_id FROM conversations WHERE channel = 'whatsapp' "
                                   "ORDER BY last_activity_ms ASC LIMIT 1")) ||
            !q.next())
            return R::failure(q.lastError().text());
        result.terms[SearchKind::PhoneFragment].text = q.value(0).toString().right(6);
    }
    result.terms[SearchKind::ContactName].text = SampleText::contactNameTerm();
    result.terms[SearchKind::CommonWord].text = SampleText::commonWord();
    result.terms[SearchKind::RareWord].text = SampleText::rareWord();
    result.terms[SearchKind::NoMatch].text = SampleText::noMatchWord();
    for (auto it = result.terms.begin(); it != result.terms.end(); ++it) {
        const auto found = conversationsMatching(db, it->text);
        if (!found)
            return R::failure(found.error());
        it->conversations = *found;
    }
    QTextStream(stderr) << "  search terms counted: " << clock.elapsed() << " ms" << Qt::endl;
    result.elapsedMs = clock.elapsed();
    return result;
}

QString DatabaseGenerator::kindName(SearchKind kind)
{
    switch (kind) {
    case SearchKind::ContactName:
        return QStringLiteral("contact name");
    case SearchKind::PhoneFragment:
        return QStringLiteral("phone fragment");
    case SearchKind::CommonWord:
        return QStringLiteral("common word");
    case SearchKind::RareWord:
        return QStringLiteral("rare word");
    case SearchKind::NoMatch:
        return QStringLiteral("no match");
    }
    return {};
}

QString DatabaseGenerator::fingerprint(const Options& options)
{
    // The schema the app would give a new database: every migration file, byte for byte.
    QCryptographicHash schema(QCryptographicHash::Sha256);
    const QString folder = QStringLiteral(":/migrations/sqlite");
    const QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile f(folder + u'/' + name);
        if (f.open(QIODevice::ReadOnly)) {
            schema.addData(name.toUtf8());
            schema.addData(f.readAll());
        }
    }
    return QStringLiteral(
               "generator %1; schema %2 (%3); %4 conversations, %5 messages, transcript %6, seed %7")
        .arg(kGeneratorVersion)
        .arg(Migrator(QSqlDatabase()).latestVersion())
        .arg(QString::fromLatin1(schema.result().toHex().left(16)))
        .arg(options.conversations)
        .arg(options.messages)
        .arg(options.longTranscript)
        .arg(options.seed);
}

void DatabaseGenerator::writeRecord(const Options& options, const Result& result)
{
    QJsonObject terms;
    for (auto it = result.terms.cbegin(); it != result.terms.cend(); ++it)
        terms.insert(kindName(it.key()),
                     QJsonObject{{QStringLiteral("text"), it->text},
                                 {QStringLiteral("conversations"), double(it->conversations)}});
    const QJsonObject record{{QStringLiteral("fingerprint"), fingerprint(options)},
                             {QStringLiteral("elapsedMs"), double(result.elapsedMs)},
                             {QStringLiteral("openHandoffs"), result.openHandoffs},
                             {QStringLiteral("resolvedHandoffs"), result.resolvedHandoffs},
                             {QStringLiteral("commonWordMessages"), double(result.commonWordMessages)},
                             {QStringLiteral("rareWordMessages"), double(result.rareWordMessages)},
                             {QStringLiteral("terms"), terms}};
    QFile f(options.path + QStringLiteral(".json"));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QJsonDocument(record).toJson());
}

std::optional<DatabaseGenerator::Result> DatabaseGenerator::readRecord(const Options& options)
{
    QFile f(options.path + QStringLiteral(".json"));
    if (!QFile::exists(options.path) || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject record = QJsonDocument::fromJson(f.readAll()).object();
    if (record.value(QStringLiteral("fingerprint")).toString() != fingerprint(options))
        return std::nullopt;
    Result result;
    result.elapsedMs = qint64(record.value(QStringLiteral("elapsedMs")).toDouble());
    result.openHandoffs = record.value(QStringLiteral("openHandoffs")).toInt();
    result.resolvedHandoffs = record.value(QStringLiteral("resolvedHandoffs")).toInt();
    result.commonWordMessages = qint64(record.value(QStringLiteral("commonWordMessages")).toDouble());
    result.rareWordMessages = qint64(record.value(QStringLiteral("rareWordMessages")).toDouble());
    const QJsonObject terms = record.value(QStringLiteral("terms")).toObject();
    for (SearchKind kind : kSearchKinds) {
        const QJsonObject t = terms.value(kindName(kind)).toObject();
        if (t.isEmpty())
            return std::nullopt;
        result.terms[kind] = {t.value(QStringLiteral("text")).toString(),
                              qint64(t.value(QStringLiteral("conversations")).toDouble())};
    }
    return result;
}

} // namespace zapito::bench
