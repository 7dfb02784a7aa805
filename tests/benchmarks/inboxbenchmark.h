// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "databasegenerator.h"
#include "inboxscenario.h"
#include "report.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace zapito::bench {

// Runs the inbox steps on one generated database, several times, for the product and the
// baseline, and adds the medians to the report; peak RSS comes from a child process per
// approach so one approach's memory never counts against another.
class InboxBenchmark final
{
public:
    struct Options
    {
        QString databasePath; // a working copy: the steps write to it
        QString sizeLabel;
        int runs = 5;
        bool naive = true;
        bool rss = true;
        int sessionActions = 200;
        int scrollBudgetMs = 30'000;  // a scroll still short of the oldest message then stops
        int transcriptLength = 5'000; // what the generator wrote, for the figures' names
        QMap<SearchKind, DatabaseGenerator::Term> terms;
        QString executable; // this program, re-run for the RSS children
    };

    static void run(const Options& options, Report& report);

    // The child side of the RSS figure: one pass of `approach`, then prints "VmHWM <MiB>".
    static int rssChild(const QStringList& arguments);

    // The conversation with the most messages, found by query wherever it sits in the list.
    struct LongConversation
    {
        QString id;
        QString externalId;
        int messages = 0;
    };
    static LongConversation longConversation(const QString& databasePath);
};

} // namespace zapito::bench
