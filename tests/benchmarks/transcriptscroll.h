// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inboxscenario.h"

class QAbstractItemModel;
class QAbstractScrollArea;

namespace zapito::bench {

// Pages `view` up (as Page Up does) from wherever it is to the oldest of `model`'s `totalRows`
// rows, waiting at the top while older rows are fetched. Works on any scroll area (a widget
// column or an item view) over any model, so it needs nothing of the view's internals.
//
// A frame is one page step, from the scroll to the view's paint. The event loop is also watched
// with a Heartbeat the whole time: fetching and laying out older rows happens between steps, and
// a stall there freezes the screen as much as a slow step does. The worst of both is reported.
ScrollResult scrollToOldest(QAbstractScrollArea* view, QAbstractItemModel* model, int totalRows,
                            int budgetMs);

} // namespace zapito::bench
