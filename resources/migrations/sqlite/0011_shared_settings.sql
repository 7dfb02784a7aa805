-- SPDX-License-Identifier: Apache-2.0
-- Settings every seat must agree on (the webhook's endpoint and switch, the bot's flow and texts,
-- the channels' configuration) live in the store, one row a key, so two seats never disagree
-- and the leader follows a change made anywhere. Secrets are never here: they stay in each
-- machine's keychain. Values are text, as the settings file holds them.
CREATE TABLE shared_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
);

-- A change of a setting reaches the other processes through the change log, as a row of the new
-- kind 'setting' whose conversation_id holds the key. SQLite cannot change a CHECK constraint in
-- place, so the log is rebuilt by SQLite's own procedure (a new table, the rows copied, the old
-- one dropped, the new one renamed). Its triggers are dropped first and made again unchanged, so
-- the rename never meets a trigger that names a table that is gone; the AUTOINCREMENT counter is
-- carried over, so ids never go back for a process that reads after the last id it saw.
DROP TRIGGER change_log_conversation_insert;
DROP TRIGGER change_log_conversation_update;
DROP TRIGGER change_log_message_insert;
DROP TRIGGER change_log_message_update;
DROP TRIGGER change_log_handoff_insert;
DROP TRIGGER change_log_handoff_resolved;
DROP TRIGGER change_log_delivery_outcome;
DROP TRIGGER change_log_delivery_attempt;

CREATE TABLE change_log_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL
        CHECK (kind IN ('conversation', 'message_added', 'message_changed', 'handoff', 'delivery',
                        'setting')),
    conversation_id TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    -- For trimming: the log keeps an hour.
    at_ms INTEGER NOT NULL
);

INSERT INTO change_log_rebuilt (id, kind, conversation_id, row_id, at_ms)
    SELECT id, kind, conversation_id, row_id, at_ms FROM change_log;
DELETE FROM sqlite_sequence WHERE name = 'change_log_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log_rebuilt', seq FROM sqlite_sequence WHERE name = 'change_log';
DROP TABLE change_log;
ALTER TABLE change_log_rebuilt RENAME TO change_log;
CREATE INDEX change_log_by_time ON change_log (at_ms);

CREATE TRIGGER change_log_conversation_insert AFTER INSERT ON conversations
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('conversation', new.id, new.rowid, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_conversation_update AFTER UPDATE ON conversations
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('conversation', new.id, new.rowid, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_message_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('message_added', new.conversation_id, new.id,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- The send outcome and the text; `seq` and `decided` are bookkeeping nobody shows.
CREATE TRIGGER change_log_message_update AFTER UPDATE OF send_state, send_error, content ON messages
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('message_changed', new.conversation_id, new.id,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_handoff_insert AFTER INSERT ON handoff_events
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('handoff', new.conversation_id, new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_handoff_resolved AFTER UPDATE OF resolved_at_ms, resolved_by ON handoff_events
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('handoff', new.conversation_id, new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_delivery_outcome AFTER UPDATE OF delivery_outcome ON handoff_events
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('delivery', new.conversation_id, new.id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_delivery_attempt AFTER INSERT ON delivery_attempts
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    SELECT 'delivery', conversation_id, id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
    FROM handoff_events WHERE id = new.handoff_event_id;
END;

-- A setting written, or written with another value (an unchanged save logs nothing).
CREATE TRIGGER change_log_setting_insert AFTER INSERT ON shared_settings
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('setting', new.key, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER change_log_setting_update AFTER UPDATE OF value ON shared_settings
    WHEN old.value IS NOT new.value
BEGIN
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
    VALUES ('setting', new.key, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
