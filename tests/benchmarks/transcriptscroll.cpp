// SPDX-License-Identifier: Apache-2.0
#include "transcriptscroll.h"

#include "benchsupport.h"

#include <QAbstractItemModel>
#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QScrollBar>

#include <algorithm>

namespace zapito::bench {

ScrollResult scrollToOldest(QAbstractScrollArea* view, QAbstractItemModel* model, int totalRows, int budgetMs)
{
    ScrollResult result;
    QScrollBar* bar = view->verticalScrollBar();
    Heartbeat heartbeat;
    double worstStep = 0;
    const auto start = Clock::now();
    heartbeat.start();
    while (msSince(start) < budgetMs) {
        if (bar->value() > bar->minimum()) {
            PaintWaiter painted(view);
            QCoreApplication::processEvents();
            painted.arm();
            const auto step = Clock::now();
            bar->triggerAction(QAbstractSlider::SliderPageStepSub);
            if (!painted.wait(10'000)) {
                qWarning("transcript scroll: no paint after step %d", result.steps + 1);
                break;
            }
            worstStep = std::max(worstStep, msSince(step));
            ++result.steps;
            continue;
        }
        if (model->rowCount() >= totalRows && !model->canFetchMore({})) {
            result.reachedOldest = true;
            break;
        }
        // At the top with older rows still to come: the view asked for them when it came near
        // the top (or asks now, as its scroll bar settles); wait until they are in.
        const int before = model->rowCount();
        DataWait more([&] { return model->rowCount() > before; });
        more.onModelChanges(model);
        more.arm();
        if (!waitUntil([&] { return more.arrived() || bar->value() > bar->minimum(); }, 10'000)) {
            qWarning("transcript scroll: stuck at the top with %d of %d rows", before, totalRows);
            break;
        }
    }
    heartbeat.stop();
    result.rowsShown = model->rowCount();
    result.worstFrameMs = std::max(worstStep, heartbeat.worstLatenessMs());
    if (!result.reachedOldest)
        qWarning("transcript scroll: stopped after %d steps, %.0f ms, with %d of %d rows", result.steps,
                 msSince(start), result.rowsShown, totalRows);
    return result;
}

} // namespace zapito::bench
