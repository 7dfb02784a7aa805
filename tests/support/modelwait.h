// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationlistmodel.h"
#include "transcriptmodel.h"

#include <QSignalSpy>

namespace zapito::test {

// The inbox's models read the store off the GUI thread; a test waits, bounded, for the read it
// started instead of looking at the rows at once.
inline bool waitForList(ConversationListModel& model, int timeoutMs = 5000)
{
    if (!model.isLoading())
        return true;
    QSignalSpy loaded(&model, &ConversationListModel::pageLoaded);
    return loaded.wait(timeoutMs);
}

inline bool waitForTranscript(TranscriptModel& model, int timeoutMs = 5000)
{
    if (!model.isLoading())
        return true;
    QSignalSpy loaded(&model, &TranscriptModel::loaded);
    return loaded.wait(timeoutMs);
}

} // namespace zapito::test
