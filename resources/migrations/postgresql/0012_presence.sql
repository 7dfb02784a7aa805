-- SPDX-License-Identifier: Apache-2.0
-- Presence, as SQLite's 0012: who is viewing or typing in which conversation, on the seat's own
-- row (0006), so it lives exactly as long as the seat. A clean exit deletes the row; a crashed
-- seat's row goes stale with its heartbeat, and readers ignore rows whose heartbeat is stale.
-- `typing_until_ms` is on the store's clock (models/storeclock.h): seats on many machines share
-- one server, and their clocks may disagree. No trigger: presence is not a change of the inbox,
-- and each seat reads it on its own thread about once a second.
ALTER TABLE seats
    ADD COLUMN operator_name TEXT NOT NULL DEFAULT '',
    -- The conversation this seat's window shows; NULL while it shows none.
    ADD COLUMN viewing_conversation_id TEXT,
    -- Until when the operator counts as typing in that conversation; NULL while not typing.
    ADD COLUMN typing_until_ms BIGINT;
