// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zapito::cli {

// True when argv asks for `zapito-inbox --headless`.
bool isHeadless(int argc, char* argv[]);
// Runs the connectors, the agent and webhook delivery without a window until the process is
// stopped (SIGINT/SIGTERM quit cleanly); status lines go to standard error. Returns the exit code.
int runHeadless(int argc, char* argv[]);

} // namespace zapito::cli
