// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "channelconnector.h"

#include <functional>

namespace zapito {

// Runs the steps 0 … count-1 one after the other, each only after the previous one reported
// committed, and stops at the first failure: how a connector hands a batch of messages to its
// sink in arrival order. A step may answer before it returns or later; answers that come
// back synchronously are taken in a loop, not by recursion, so a long batch of synchronous
// commits neither nests nor re-enters a step.
class InboundSequence
{
public:
    using Step = std::function<void(qsizetype index, ChannelConnector::Committed committed)>;
    // `committedCount` steps succeeded; `status` is ok when all did, else the failure of the next.
    using Finished = std::function<void(qsizetype committedCount, Status status)>;

    static void run(qsizetype count, Step step, Finished finished);
};

} // namespace zapito
