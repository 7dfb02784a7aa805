// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "conversationlistmodel.h"
#include "conversationstore.h"
#include "storereader.h"
#include "storewriter.h"
#include "transcriptmodel.h"

#include <QSignalSpy>
#include <QTest>

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

// Every read asked of `reader` so far has been delivered: reads run and arrive in the order
// asked, so a read of nothing, asked last, arrives last.
inline bool waitForReader(StoreReader& reader, int timeoutMs = 5000)
{
    QObject receiver;
    bool arrived = false;
    reader.read<int>(
        &receiver, QString(), [](const QSqlDatabase&) { return 0; }, [&arrived](int) { arrived = true; });
    return QTest::qWaitFor([&arrived] { return arrived; }, timeoutMs);
}

// Every write asked of the store's writer so far has been answered, and then every read: what
// the writes changed, and what the models read because of it, has arrived.
inline bool waitForStore(ConversationStore& store, int timeoutMs = 5000)
{
    StoreWriter& writer = store.writer();
    if (!QTest::qWaitFor([&writer] { return writer.pendingWrites() == 0; }, timeoutMs))
        return false;
    return waitForReader(store.reader(), timeoutMs);
}

} // namespace zapito::test
