-- SPDX-License-Identifier: Apache-2.0
-- One inbox, many seats. Every long-running process on the store (the window, --headless) has a
-- row in `seats` and beats its heartbeat every few seconds, so `status` can say who leads and who
-- is online; a row whose heartbeat is older than 15 s is a process that is gone.
-- `change_log` is how the other processes learn what one of them wrote: triggers append a row per
-- change, in commit order (SQLite has one writer at a time, so AUTOINCREMENT ids commit in order),
-- and every process reads the rows after the last one it saw when PRAGMA data_version moves.

CREATE TABLE seats (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('leader', 'standby', 'seat')),
    started_at_ms INTEGER NOT NULL,
    -- When this process started leading; NULL while it does not.
    leading_since_ms INTEGER,
    heartbeat_at_ms INTEGER NOT NULL,
    -- Why a process that would lead cannot (a secret it cannot read), shown by `status`.
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL
        CHECK (kind IN ('conversation', 'message_added', 'message_changed', 'handoff', 'delivery')),
    conversation_id TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    -- For trimming: the log keeps an hour.
    at_ms INTEGER NOT NULL
);

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
