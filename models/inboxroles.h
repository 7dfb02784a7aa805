// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <Qt>

namespace zapito {

// Roles of the inbox's item models: the conversation list and the transcript. DisplayRole holds
// the text a person reads; these hold raw values for delegates and tests.
namespace ConversationRoles {
enum : int
{
    IdRole = Qt::UserRole, // QString conv_… id
    ChannelRole,           // QString whatsapp | telegram | preview
    ContactNameRole,       // QString as the channel reported it (may be empty)
    TitleRole,             // QString name, else a formatted phone number or handle
    LastMessageRole,       // QString one-line preview of the newest message
    LastActivityMsRole,    // qint64 UTC milliseconds of the newest message
    UnreadCountRole,       // int customer messages not yet read
    NeedsHumanRole,        // bool status is handoff
    HandoffReasonRole,     // QVariant(HandoffReason) when in handoff, else invalid
    HandoffReasonTextRole, // QString the reason in words ("Asked for a human"), else empty
    IsSampleRole,          // bool a sample conversation
    StatusRole,            // QVariant(ConversationStatus)
    SearchSnippetRole,     // QString why a search result matched (Conversation::matchSnippet), else empty
    AssigneeRole,          // QString the operator who has it, else empty
    HandoffAtMsRole,       // qint64 when the open handoff began (status handoff), else invalid
    IsResolvedRole,        // bool back with the bot after an operator resolved it
    ResolvedByRole,        // QString who resolved it, when resolved
    ResolvedAtMsRole,      // qint64 when it was resolved, else invalid
    PresenceRole,          // QList<PresenceEntry> the other seats' operators viewing or typing here
    PresenceTextRole,      // QString that in words ("Carla is typing…"), empty when nobody
};
} // namespace ConversationRoles

namespace TranscriptRoles {
enum : int
{
    MessageIdRole = Qt::UserRole, // qint64
    RoleRole,                     // QVariant(MessageRole)
    ContentRole,                  // QString the message text, exactly as stored
    AtMsRole,                     // qint64 UTC milliseconds
    HandoffEventIdRole,           // qint64 the handoff this message opened, 0 if none
    HandoffReasonRole,            // QVariant(HandoffReason) when HandoffEventIdRole is set
    DeliveryOutcomeRole,          // QVariant(DeliveryOutcome) when HandoffEventIdRole is set
    DeliveryAttemptCountRole,     // int attempts made so far for that handoff's webhook
    HandoffResolvedAtMsRole,      // qint64 when the handoff was resolved, 0 while open
    HandoffResolvedByRole,        // QString who resolved it
    SendStateRole,                // QVariant(SendState) of a message we wrote
    SendErrorRole,                // QString why its send failed
    AuthorRole,                   // QString the operator who wrote it
    SeqRole,                      // qint64 position in the conversation
    IsNoteRole,                   // bool an operators' internal note, never sent to the customer
};
} // namespace TranscriptRoles

} // namespace zapito
