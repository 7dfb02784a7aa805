-- SPDX-License-Identifier: Apache-2.0
-- Internal notes: operators write them in the conversation beside its messages, and nobody but
-- the team sees one. A note is never queued for the channel, never in a webhook's transcript and
-- never read by the bot; every reader of what was said to the customer asks for kind = 'message'.
ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'note'));
