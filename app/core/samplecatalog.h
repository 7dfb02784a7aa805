// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain.h"

#include <QList>

#include <optional>

namespace zapito {

// The script of the sample conversations: who wrote what and when, how each handoff ended and
// how its webhook delivery went. Times are seconds relative to kSampleAnchorMs, the "at" of
// the spec's Luna Café / Maria example, so the samples read the same on every machine and the
// Maria example matches the spec byte for byte (apart from the generated ids).
namespace sample {

// 2026-07-01T12:00:00.000Z
inline constexpr qint64 kAnchorMs = 1782907200000;

struct Line
{
    MessageRole role = MessageRole::User;
    int atSeconds = 0;
    const char* text = ""; // UTF-8
};

struct Attempt
{
    int atSeconds = 0;
    int httpStatus = 0; // 0: no HTTP answer
    const char* error = "";
    int durationMs = 0;
    const char* kind = "first"; // first | retry | resend
};

struct Handoff
{
    HandoffReason reason = HandoffReason::Handoff;
    int messageAtSeconds = 0; // the handoff message the customer was sent
    int eventAtSeconds = 0;   // the handoff event and its webhook body's "at"
    const char* message = "";
    DeliveryOutcome outcome = DeliveryOutcome::Pending;
    QList<Attempt> attempts;
    std::optional<int> resolvedAtSeconds;
    // Messages after the handoff; those before resolvedAtSeconds come before "Mark resolved".
    QList<Line> after;
};

struct Conversation
{
    const char* channel = "whatsapp";
    const char* externalId = "";
    const char* contactName = ""; // UTF-8
    QList<Line> before;           // the messages before the handoff (or all, without one)
    std::optional<Handoff> handoff;
    bool read = false; // the operator has seen it (unread badge cleared)
};

// The spec's Maria example first, then the others; all are distinct (channel, externalId).
const QList<Conversation>& catalog();

} // namespace sample
} // namespace zapito
