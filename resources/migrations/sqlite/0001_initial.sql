-- SPDX-License-Identifier: Apache-2.0
-- The first schema: bots, conversations, messages, handoff events and webhook delivery.
-- Times are UTC milliseconds since the epoch. Keep the SQL portable to PostgreSQL; where a
-- type differs (INTEGER PRIMARY KEY vs BIGSERIAL, BLOB vs BYTEA) the PostgreSQL migration
-- says it in its own file of the same number.

CREATE TABLE bots (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    bot_id TEXT NOT NULL REFERENCES bots (id),
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'handoff')),
    last_activity_ms INTEGER NOT NULL,
    last_message_preview TEXT NOT NULL DEFAULT '',
    unread_count INTEGER NOT NULL DEFAULT 0,
    -- The open handoff's reason, kept here so a page of the list needs no join.
    open_handoff_reason TEXT,
    created_at_ms INTEGER NOT NULL,
    is_sample INTEGER NOT NULL DEFAULT 0,
    UNIQUE (bot_id, channel, external_id)
);

-- "All, newest first" and "needs a human, newest first" read straight off these in order.
CREATE INDEX conversations_by_activity ON conversations (last_activity_ms DESC, id DESC);
CREATE INDEX conversations_by_status_activity ON conversations (status, last_activity_ms DESC, id DESC);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'operator')),
    content TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    external_message_id TEXT
);

CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
-- A channel that delivers the same message twice stores it once.
CREATE UNIQUE INDEX messages_by_external_id ON messages (conversation_id, external_message_id)
    WHERE external_message_id IS NOT NULL;

CREATE TABLE handoff_events (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    reason TEXT NOT NULL CHECK (reason IN ('handoff', 'escalate', 'model_error', 'out_of_credits')),
    at_ms INTEGER NOT NULL,
    resolved_at_ms INTEGER,
    resolved_by TEXT,
    delivery_outcome TEXT NOT NULL DEFAULT 'pending'
        CHECK (delivery_outcome IN ('pending', 'sent', 'failed', 'skipped')),
    -- The webhook body, built once at hand-off; every attempt sends these very bytes.
    payload BLOB NOT NULL
);

CREATE INDEX handoff_events_by_conversation ON handoff_events (conversation_id, id);
-- At most one open handoff per conversation.
CREATE UNIQUE INDEX handoff_events_one_open ON handoff_events (conversation_id)
    WHERE resolved_at_ms IS NULL;

-- Deliveries still owed; written in the hand-off's transaction so a crash loses none.
CREATE TABLE webhook_outbox (
    handoff_event_id INTEGER PRIMARY KEY REFERENCES handoff_events (id) ON DELETE CASCADE,
    due_at_ms INTEGER NOT NULL,
    attempts_made INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX webhook_outbox_by_due ON webhook_outbox (due_at_ms);

CREATE TABLE delivery_attempts (
    id INTEGER PRIMARY KEY,
    handoff_event_id INTEGER NOT NULL REFERENCES handoff_events (id) ON DELETE CASCADE,
    attempted_at_ms INTEGER NOT NULL,
    http_status INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    kind TEXT NOT NULL CHECK (kind IN ('first', 'retry', 'resend'))
);

CREATE INDEX delivery_attempts_by_event ON delivery_attempts (handoff_event_id, id);

-- Small per-channel state such as the Telegram update offset.
CREATE TABLE channel_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
