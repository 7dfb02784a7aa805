// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace zapito::bench {

// One way to build the inbox (the product, the naive Qt way, the limit). Each step does what
// the operator does and returns the milliseconds until the result was painted (or, for the
// limit, until the same SQL finished). Steps run in this order on one instance:
// open → toggle on/off → search/clear → transcript → live message → (toggle on) → resolve.
class InboxScenario
{
public:
    virtual ~InboxScenario() = default;

    virtual double openAndPaintFirstPage(const QString& databasePath) = 0;
    virtual double toggleNeedsHuman(bool on) = 0;
    virtual double search(const QString& text) = 0;
    virtual double openTranscript(const QString& conversationId) = 0;
    // A customer writes to a conversation on the first page; until its row shows at the top.
    virtual double liveMessage(qint64 atMs) = 0;
    // With Needs a human on: resolve the first conversation; until the list shows it gone.
    virtual double markResolved(qint64 atMs) = 0;
};

// The steps of a run, also the keys of the SQL the product ran for each.
enum class Step
{
    Open,
    ToggleOn,
    ToggleOff,
    Search,
    ClearSearch,
    Transcript,
    Live,
    Resolve,
};

} // namespace zapito::bench
