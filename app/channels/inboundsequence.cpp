// SPDX-License-Identifier: Apache-2.0
#include "inboundsequence.h"

#include <memory>

namespace zapito {

namespace {

struct Run
{
    qsizetype count = 0;
    qsizetype next = 0;   // the step waiting for its answer, or the one to start
    bool waiting = false; // `next` was started and has not answered yet
    bool pumping = false; // pump() is on the stack: a synchronous answer only records itself
    bool finished = false;
    InboundSequence::Step step;
    InboundSequence::Finished done;
};

void finish(const std::shared_ptr<Run>& run, Status status)
{
    run->finished = true;
    // `step` stays: this may run inside it (a synchronous answer). Nothing it holds points back
    // at the run, so the run goes when the last answer does.
    auto done = std::move(run->done);
    done(run->next, std::move(status));
}

void pump(const std::shared_ptr<Run>& run)
{
    run->pumping = true;
    while (!run->finished && !run->waiting && run->next < run->count) {
        run->waiting = true;
        const qsizetype index = run->next;
        // The answer holds the run alive until it comes; a stale or repeated one is ignored.
        run->step(index, [run, index](Status status) {
            if (run->finished || !run->waiting || index != run->next)
                return;
            run->waiting = false;
            if (!status) {
                finish(run, std::move(status));
                return;
            }
            ++run->next;
            if (!run->pumping)
                pump(run); // answered later: carry on from here
        });
    }
    run->pumping = false;
    if (!run->finished && !run->waiting && run->next >= run->count)
        finish(run, Status::ok());
}

} // namespace

void InboundSequence::run(qsizetype count, Step step, Finished finished)
{
    auto run = std::make_shared<Run>();
    run->count = count;
    run->step = std::move(step);
    run->done = std::move(finished);
    pump(run);
}

} // namespace zapito
