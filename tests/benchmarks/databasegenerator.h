// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"
#include "inboxscenario.h"

#include <QMap>
#include <QString>

#include <optional>

namespace zapito::bench {

// Writes a realistic inbox database for the benchmark: N conversations with M messages in all,
// one of them with a long transcript, about 5% waiting for a human (spread over the four
// reasons) and some older, resolved handoffs, two years of activity; a common word in about 7 %
// of the messages and a rare one in about 1 of 20,000.
class DatabaseGenerator final
{
public:
    struct Options
    {
        int conversations = 10'000;
        qint64 messages = 200'000;
        QString path;
        int longTranscript = 5'000;
        quint64 seed = 20261126;
    };
    // What the search benchmark types, one term per kind, and how many conversations each
    // matches in the product's scope (name, number, message text; counted with LIKE).
    struct Term
    {
        QString text;
        qint64 conversations = 0;
    };
    struct Result
    {
        qint64 elapsedMs = 0;
        int openHandoffs = 0;
        int resolvedHandoffs = 0;
        qint64 commonWordMessages = 0;
        qint64 rareWordMessages = 0;
        QString longConversationId;
        QMap<SearchKind, Term> terms;
    };

    static Expected<Result> generate(const Options& options);

    // What a database was generated with, written beside it (FILE.json): the generator's
    // version, the schema it was written for (a digest of the app's migration files), the
    // options. A database whose record differs from what this build would write, or has none,
    // is written afresh; one that matches is reused, however old the binary.
    static QString fingerprint(const Options& options);
    static void writeRecord(const Options& options, const Result& result);
    static std::optional<Result> readRecord(const Options& options);

    static QString kindName(SearchKind kind);
};

} // namespace zapito::bench
