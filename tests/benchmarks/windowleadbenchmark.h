// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace zapito::bench {

// A window that leads on PostgreSQL, with the server a network away (LatencyProxy): customers
// write through the preview channel at a steady pace, each message is stored, decided (a handoff)
// and answered, and a 4 ms heartbeat on the window's thread records how late each of its beats
// comes. Run twice on a fresh cluster each: the pipeline on the event loop (how a window led
// before LeaderThread, and how `--headless`, which has no window, still leads), then the window
// as it leads now, with the pipeline on a thread of its own.
//   zapito-inbox-bench window-lead [--messages 300] [--pace-ms 20] [--one-way-ms 1] [--markdown FILE]
class WindowLeadBenchmark final
{
public:
    static int command(const QStringList& arguments);
};

} // namespace zapito::bench
