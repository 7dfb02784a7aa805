// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace zapito::ui {

// A duration as people read it, always in seconds: "0.1 s" (never "0 ms": the shortest shown is
// a tenth), "2.5 s", "10 s", "90 s"; digits as the locale writes them.
QString durationText(qint64 ms);

} // namespace zapito::ui
