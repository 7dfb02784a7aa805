-- SPDX-License-Identifier: Apache-2.0
-- The transactional pipeline: every message gets the store's receive time and a per-conversation
-- sequence, inbound messages remember whether they were decided, outbound ones how their send
-- went, and a channel outbox holds what is still to be sent. Conversations gain the `operator`
-- status (an operator took over from the bot). The Migrator runs this with foreign keys off,
-- so rebuilding `conversations` (SQLite cannot change a CHECK) cascades nothing.

CREATE TABLE conversations_rebuilt (
    id TEXT PRIMARY KEY,
    bot_id TEXT NOT NULL REFERENCES bots (id),
    channel TEXT NOT NULL,
    external_id TEXT NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'handoff', 'operator')),
    last_activity_ms INTEGER NOT NULL,
    last_message_preview TEXT NOT NULL DEFAULT '',
    unread_count INTEGER NOT NULL DEFAULT 0,
    open_handoff_reason TEXT,
    created_at_ms INTEGER NOT NULL,
    is_sample INTEGER NOT NULL DEFAULT 0,
    -- The sequence of the conversation's newest message; the next message takes last_seq + 1.
    last_seq INTEGER NOT NULL DEFAULT 0,
    UNIQUE (bot_id, channel, external_id)
);

INSERT INTO conversations_rebuilt (id, bot_id, channel, external_id, contact_name, status,
    last_activity_ms, last_message_preview, unread_count, open_handoff_reason, created_at_ms, is_sample)
SELECT id, bot_id, channel, external_id, contact_name, status, last_activity_ms, last_message_preview,
    unread_count, open_handoff_reason, created_at_ms, is_sample
FROM conversations;

DROP TABLE conversations;
ALTER TABLE conversations_rebuilt RENAME TO conversations;
CREATE INDEX conversations_by_activity ON conversations (last_activity_ms DESC, id DESC);
CREATE INDEX conversations_by_status_activity ON conversations (status, last_activity_ms DESC, id DESC);

-- at_ms is from now on the store's receive time; the channel's own timestamp, when it sent one.
ALTER TABLE messages ADD COLUMN channel_at_ms INTEGER;
-- Order within the conversation: transcript, list and webhook read by it.
ALTER TABLE messages ADD COLUMN seq INTEGER;
-- 0 while a customer message waits for the bot's decision; everything else is 1.
ALTER TABLE messages ADD COLUMN decided INTEGER NOT NULL DEFAULT 1;
-- For what we send: pending until the channel answered, then sent or failed.
ALTER TABLE messages ADD COLUMN send_state TEXT CHECK (send_state IN ('pending', 'sent', 'failed'));
ALTER TABLE messages ADD COLUMN send_error TEXT NOT NULL DEFAULT '';
-- Who wrote an operator message.
ALTER TABLE messages ADD COLUMN author TEXT NOT NULL DEFAULT '';

UPDATE messages SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY id) AS n FROM messages) AS numbered
WHERE messages.id = numbered.id;
UPDATE messages SET send_state = 'sent' WHERE role <> 'user';
UPDATE conversations SET last_seq = COALESCE(
    (SELECT MAX(seq) FROM messages WHERE messages.conversation_id = conversations.id), 0);

DROP INDEX messages_by_conversation;
CREATE UNIQUE INDEX messages_by_conversation_seq ON messages (conversation_id, seq);
-- Start-up finds what still waits for a decision without reading the inbox.
CREATE INDEX messages_undecided ON messages (conversation_id, seq) WHERE decided = 0;

-- A writer that does not give a sequence (samples, imports) gets the next one.
CREATE TRIGGER messages_assign_seq AFTER INSERT ON messages WHEN new.seq IS NULL
BEGIN
    UPDATE conversations SET last_seq = last_seq + 1 WHERE id = new.conversation_id;
    UPDATE messages SET seq = (SELECT last_seq FROM conversations WHERE id = new.conversation_id)
    WHERE id = new.id;
END;

-- Text still to be sent to a customer (bot replies, handoff messages, operator replies), sent in
-- sequence order per conversation by the leader; the row goes when the send is settled.
CREATE TABLE channel_outbox (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    due_at_ms INTEGER NOT NULL,
    attempts_made INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX channel_outbox_by_conversation ON channel_outbox (conversation_id, seq);
CREATE INDEX channel_outbox_by_due ON channel_outbox (due_at_ms);

-- A handoff's webhook waits for its handoff message's send to finish (sent, or failed for good).
ALTER TABLE webhook_outbox ADD COLUMN after_message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL;
CREATE INDEX webhook_outbox_by_message ON webhook_outbox (after_message_id) WHERE after_message_id IS NOT NULL;

-- The webhook's X-Zapito-Delivery: random, so two installs or a moved database never repeat one.
ALTER TABLE handoff_events ADD COLUMN delivery_id TEXT;
UPDATE handoff_events SET delivery_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX handoff_events_by_delivery_id ON handoff_events (delivery_id);
