// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QStringView>

class QSqlRecord;

namespace zapito {

// Rows → domain values, shared by the store and the item models: select these columns, in
// this order, and map the record with the matching function.
extern const char* const kConversationColumns;
extern const char* const kMessageColumns;
extern const char* const kHandoffEventColumns;
Conversation conversationFromRecord(const QSqlRecord& record);
// kConversationColumns of the table called `alias` in a join ("c.id, c.bot_id, …").
QString conversationColumnsOf(QStringView alias);
Message messageFromRecord(const QSqlRecord& record);
HandoffEvent handoffEventFromRecord(const QSqlRecord& record);

} // namespace zapito
