// SPDX-License-Identifier: Apache-2.0
#include "sqldialect.h"

#include <QRegularExpression>
#include <QSqlDatabase>

#include <algorithm>

namespace zapito {

SqlDialect SqlDialect::forDatabase(const QSqlDatabase& db)
{
    return SqlDialect(db.driverName() == QLatin1String("QPSQL") ? Kind::PostgreSQL : Kind::SQLite);
}

QString SqlDialect::migrationsFolder() const
{
    return m_kind == Kind::PostgreSQL ? QStringLiteral(":/migrations/postgresql")
                                      : QStringLiteral(":/migrations/sqlite");
}

QStringList SqlDialect::connectionSetup(int busyTimeoutMs) const
{
    if (m_kind == Kind::PostgreSQL)
        return {QStringLiteral("SET TIME ZONE 'UTC'"), busyTimeout(busyTimeoutMs)};
    return {
        // busy_timeout first: the journal-mode switch itself may wait for a lock.
        QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
    };
}

QString SqlDialect::beginWriteTransaction() const
{
    return m_kind == Kind::PostgreSQL ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString SqlDialect::busyTimeout(int ms) const
{
    // lock_timeout is PostgreSQL's busy_timeout: a row or table lock held longer fails the
    // statement (SQLSTATE 55P03) instead of waiting for ever.
    return m_kind == Kind::PostgreSQL ? QStringLiteral("SET lock_timeout = %1").arg(ms)
                                      : QStringLiteral("PRAGMA busy_timeout = %1").arg(ms);
}

QString SqlDialect::lockForFirstBot() const
{
    // SHARE ROW EXCLUSIVE conflicts with itself and with every insert: the second process waits
    // for the first's commit, then finds its bot. Readers are not blocked.
    return m_kind == Kind::PostgreSQL ? QStringLiteral("LOCK TABLE bots IN SHARE ROW EXCLUSIVE MODE")
                                      : QString();
}

QString SqlDialect::readOnlySession() const
{
    return m_kind == Kind::PostgreSQL ? QStringLiteral("SET default_transaction_read_only = on")
                                      : QStringLiteral("PRAGMA query_only = ON");
}

QString SqlDialect::ftsQuery(const QString& typed)
{
    // Words only: FTS5 syntax characters (", *, :, ^, parentheses, AND/OR) typed by a person
    // must never turn into query syntax or a syntax error.
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList terms;
    auto it = word.globalMatch(typed);
    while (it.hasNext())
        terms << QString(u'"' + it.next().captured(0) + QLatin1String("\"*"));
    return terms.join(u' ');
}

QString SqlDialect::tsQuery(const QString& typed)
{
    // Words only, each quoted: tsquery syntax typed by a person (&, |, !, <->, :*, parentheses)
    // stays text, never syntax or an error.
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList terms;
    auto it = word.globalMatch(typed.normalized(QString::NormalizationForm_C));
    while (it.hasNext())
        terms << QString(u'\'' + it.next().captured(0) + u'\'');
    if (terms.isEmpty())
        return {};
    if (terms.constLast().toUcs4().size() - 2 >= 3)
        terms.last() += QLatin1String(":*");
    return terms.join(QLatin1String(" & "));
}

SqlDialect::ListSearch SqlDialect::postgresListSearch(const QString& typed)
{
    // Control characters (a NUL would end the statement's text early) separate, as in SearchTerms.
    QString text = typed.normalized(QString::NormalizationForm_C);
    for (QChar& c : text)
        if (c.category() == QChar::Other_Control)
            c = u' ';
    text = text.simplified();
    if (text.isEmpty())
        return {};
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"),
                                         QRegularExpression::UseUnicodePropertiesOption);
    QStringList words;
    for (auto it = word.globalMatch(text); it.hasNext();)
        words << it.next().captured(0);

    ListSearch search;
    // The name, accents and case folded, as SQLite's two name indexes answer it: every typed word
    // as a word of the name (one of up to four characters also as the start of one), or what was
    // typed as one substring when it has three characters or more. Both are trigram index look-ups.
    QStringList nameWords;
    for (const QString& w : std::as_const(words)) {
        // \m and \M: the start and the end of a word. Only the word is folded (lower() would
        // turn \M into \m); it holds letters and digits only, nothing a regular expression reads.
        nameWords << (w.toUcs4().size() <= 4
                          ? QStringLiteral("zapito_fold(contact_name) ~ ('\\m' || zapito_fold(?))")
                          : QStringLiteral("zapito_fold(contact_name) ~ ('\\m' || zapito_fold(?) || '\\M')"));
        search.conditionBinds << w;
    }
    // Each way to match is a SELECT of its own, joined by UNION: an OR across them (and the
    // messages' sub-select) would make PostgreSQL read every conversation.
    QStringList alternatives;
    if (!nameWords.isEmpty())
        alternatives << QStringLiteral("SELECT id FROM conversations WHERE ") +
                            nameWords.join(QLatin1String(" AND "));
    if (text.toUcs4().size() >= 3) {
        QString pattern = text;
        pattern.replace(u'\\', QLatin1String("\\\\"))
            .replace(u'%', QLatin1String("\\%"))
            .replace(u'_', QLatin1String("\\_"));
        alternatives << QStringLiteral(
            "SELECT id FROM conversations WHERE zapito_fold(contact_name) LIKE zapito_fold(?) ESCAPE '\\'");
        search.conditionBinds << QString(u'%' + pattern + u'%');
    }
    // A number ("+55 11 9999") is looked for in the numbers without their separators, as stored.
    static const QRegularExpression separators(QStringLiteral("[+()\\-.\\s]"));
    QString digits = text;
    digits.remove(separators);
    if (!digits.isEmpty() &&
        std::all_of(digits.cbegin(), digits.cend(), [](QChar c) { return c.isDigit(); })) {
        alternatives << QStringLiteral(
            "SELECT id FROM conversations WHERE zapito_handle(external_id) LIKE ?");
        search.conditionBinds << QString(u'%' + digits + u'%');
    }
    const QString query = tsQuery(text);
    if (!query.isEmpty()) {
        alternatives << QStringLiteral(
            "SELECT conversation_id FROM messages WHERE search_vector @@ to_tsquery('zapito_search', ?)");
        search.conditionBinds << query;
        // The marks are the private-use characters the delegate reads; the message's own ones are
        // taken out first, so a customer cannot forge a hit (searchsnippet.h).
        search.snippetColumn = QStringLiteral(
            "(SELECT ts_headline('zapito_search', translate(m.content, chr(57344) || chr(57345), ''), "
            "to_tsquery('zapito_search', ?), 'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || "
            "', MaxWords=12, MinWords=10, ShortWord=0') FROM messages AS m WHERE m.conversation_id = "
            "conversations.id AND m.search_vector @@ to_tsquery('zapito_search', ?) ORDER BY m.seq DESC "
            "LIMIT 1)");
        search.snippetBinds << query << query;
    }
    search.condition = alternatives.isEmpty()
                           ? QStringLiteral("FALSE")
                           : QStringLiteral("id IN (") + alternatives.join(QLatin1String(" UNION ")) + u')';
    return search;
}

SqlDialect::TextSearch SqlDialect::messageTextSearch(const QString& typed) const
{
    const QString fts = ftsQuery(typed);
    if (fts.isEmpty())
        return {};
    if (m_kind == Kind::PostgreSQL) {
        // No FTS5 there: the same words, all required, as prefixes, through a text-search vector.
        QString prefixes = fts;
        prefixes.replace(QLatin1String("\"*"), QLatin1String(":*"))
            .remove(u'"')
            .replace(u' ', QLatin1String(" & "));
        return {QStringLiteral("id IN (SELECT conversation_id FROM messages "
                               "WHERE to_tsvector('simple', content) @@ to_tsquery('simple', ?))"),
                prefixes};
    }
    return {QStringLiteral("id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m "
                           "ON m.id = messages_fts.rowid WHERE messages_fts MATCH ?)"),
            fts};
}

} // namespace zapito
