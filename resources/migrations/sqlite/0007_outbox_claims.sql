-- SPDX-License-Identifier: Apache-2.0
-- Outbox claims with a lease and a fencing token, so that with many processes on one store each
-- webhook and each channel message is sent by one claimant at a time, and a claimant whose lease
-- ran out (a paused or partitioned old leader) cannot record over the one that took the row next.
-- `lease_until_ms` is on the store's clock (NULL: nobody holds the row); `claim_token` grows by one
-- on every claim, and every write about a claim names the token it got.

ALTER TABLE webhook_outbox ADD COLUMN claim_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_outbox ADD COLUMN lease_until_ms INTEGER;
-- The operator's Resend of a delivery that had ended: one more attempt, queued like any other.
ALTER TABLE webhook_outbox ADD COLUMN resend INTEGER NOT NULL DEFAULT 0;

-- The last token an outbox row of the handoff handed out, kept when the row goes: a Resend's new
-- row counts on from it, so a token of the earlier row never matches the new one.
ALTER TABLE handoff_events ADD COLUMN claims_made INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER webhook_outbox_keeps_its_claims AFTER DELETE ON webhook_outbox
BEGIN
    UPDATE handoff_events SET claims_made = old.claim_token WHERE id = old.handoff_event_id;
END;

ALTER TABLE channel_outbox ADD COLUMN claim_token INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel_outbox ADD COLUMN lease_until_ms INTEGER;
-- The same for a message sent again after its send failed (its outbox row is written anew).
ALTER TABLE messages ADD COLUMN claims_made INTEGER NOT NULL DEFAULT 0;
