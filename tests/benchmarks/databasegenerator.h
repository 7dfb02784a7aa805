// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expected.h"

#include <QString>

namespace zapito::bench {

// Writes a realistic inbox database for the benchmark: N conversations with M messages in all,
// one of them with a long transcript, about 5% waiting for a human (spread over the four
// reasons) and some older, resolved handoffs, two years of activity.
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
    struct Result
    {
        qint64 elapsedMs = 0;
        int openHandoffs = 0;
        int resolvedHandoffs = 0;
        QString longConversationId;
    };

    static Expected<Result> generate(const Options& options);

    // The conversation holding the long transcript, found by its fixed external id.
    static QString longConversationExternalId() { return QStringLiteral("5511900005000"); }
    static QString longConversationChannel() { return QStringLiteral("whatsapp"); }
};

} // namespace zapito::bench
