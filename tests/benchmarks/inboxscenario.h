// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace zapito::bench {

// What the operator types into the search box: one term of each kind, picked per database so
// that each kind has the hit rate its name promises (see DatabaseGenerator::Terms).
enum class SearchKind
{
    ContactName,
    PhoneFragment,
    CommonWord,
    RareWord,
    NoMatch,
};
inline constexpr SearchKind kSearchKinds[] = {SearchKind::ContactName, SearchKind::PhoneFragment,
                                              SearchKind::CommonWord, SearchKind::RareWord,
                                              SearchKind::NoMatch};

// Scrolling a transcript from its newest message to its oldest, one page at a time.
struct ScrollResult
{
    double worstFrameMs = -1; // the slowest step, from the scroll to its paint; -1: not measured
    int steps = 0;
    int rowsShown = 0; // rows the view held at the end: all of them, unless it gave up
    bool reachedOldest = false;
};

// One way to build the inbox (the product, the naive Qt way). Each timed step does what the
// operator does and returns the milliseconds from the action until the result was painted, or
// -1 when it could not be measured. Every step waits for the data it causes, however it
// arrives, before it looks for the paint.
class InboxScenario
{
public:
    virtual ~InboxScenario() = default;

    virtual double openAndPaintFirstPage(const QString& databasePath) = 0;
    virtual double toggleNeedsHuman(bool on) = 0;
    // Until the first page of results is painted, or the empty state when nothing matches.
    virtual double search(const QString& text) = 0;
    // Click on the conversation's row until its transcript's first paint. Getting the row listed
    // when it is not on the loaded pages (a search by its number) is not timed.
    virtual double openTranscript(const QString& conversationId, const QString& externalId) = 0;
    // Click on the row-th listed conversation; for the scripted session.
    virtual double openRow(int row) = 0;
    // The open transcript, from its newest message to its oldest; `totalRows` is how many it has.
    virtual ScrollResult scrollTranscriptToOldest(int totalRows, int budgetMs) = 0;
    // A customer writes to a conversation (listed or not, passing the filter); until the list
    // shows its row at the top.
    virtual double liveMessage(const QString& conversationId, qint64 atMs) = 0;
    // With Needs a human on: open the first conversation (untimed) and resolve it; until the
    // list shows it gone.
    virtual double markResolved(qint64 atMs) = 0;

    virtual int listedRows() const = 0;
    virtual QString listedId(int row) const = 0;
    virtual bool needsHumanOnly() const = 0;
    virtual QString searchText() const = 0;
};

} // namespace zapito::bench
