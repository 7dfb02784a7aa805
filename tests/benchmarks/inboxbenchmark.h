// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"
#include "report.h"

#include <QHash>
#include <QString>

namespace zapito::bench {

// Runs the inbox steps on one generated database, several times, for the product, the naive
// Qt way and the limit, and adds the medians to the report; peak RSS comes from a child
// process per approach so one approach's memory never counts against another.
class InboxBenchmark final
{
public:
    struct Options
    {
        QString databasePath;
        QString sizeLabel;
        int runs = 5;
        bool naive = true;
        QString searchTerm = QStringLiteral("maria");
        QString executable; // this program, re-run for the RSS children
    };

    static void run(const Options& options, Report& report);

    // The child side of the RSS figure: one full pass of `approach`, then prints "VmHWM <MiB>".
    static int rssChild(const QString& approach, const QString& databasePath, const QString& sqlFile,
                        const QString& searchTerm);

    static QString longConversationId(const QString& databasePath);
};

} // namespace zapito::bench
