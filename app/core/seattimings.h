// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

namespace zapito {

// How often a seat beats and reads, and how long what it says lasts. The defaults are the
// product's; tests make them short instead of waiting out 15 s.
struct SeatTimings
{
    using ms = std::chrono::milliseconds;
    // How often the seat's row is written (Leadership).
    ms heartbeat{3000};
    // A row whose heartbeat is older is a process that is gone: its presence is not shown.
    ms goneAfter{15'000};
    // How often a window reads the other seats' presence.
    ms presencePoll{1000};
    // While keys are pressed, at most one typing write this often.
    ms typingThrottle{2000};
    // Typing shows until this long after the last key.
    ms typingLasts{6000};
};

} // namespace zapito
