-- SPDX-License-Identifier: Apache-2.0
-- Presence: who is viewing or typing in which conversation, on the seat's own row (0006), so it
-- lives exactly as long as the seat. A clean exit deletes the row; a crashed seat's row goes
-- stale with its heartbeat, and readers ignore rows whose heartbeat is stale.
-- `typing_until_ms` is on the store's clock (models/storeclock.h): seats on many machines share
-- one PostgreSQL, and their clocks may disagree.
ALTER TABLE seats ADD COLUMN operator_name TEXT NOT NULL DEFAULT '';
-- The conversation this seat's window shows; NULL while it shows none.
ALTER TABLE seats ADD COLUMN viewing_conversation_id TEXT;
-- Until when the operator counts as typing in that conversation; NULL while not typing.
ALTER TABLE seats ADD COLUMN typing_until_ms INTEGER;
