// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zapito {

// Names the application so the window, headless mode and the command line find the same
// data folder (QStandardPaths::AppDataLocation), settings and keychain entries.
void setApplicationIdentity();

} // namespace zapito
