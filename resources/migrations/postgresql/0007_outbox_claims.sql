-- SPDX-License-Identifier: Apache-2.0
-- Outbox claims with a lease and a fencing token, so that with many processes on one store each
-- webhook and each channel message is sent by one claimant at a time, and a claimant whose lease
-- ran out (a paused or partitioned old leader) cannot record over the one that took the row next.
-- `lease_until_ms` is on the server's clock (NULL: nobody holds the row), so the processes' own
-- clocks never decide whether a lease ran out; `claim_token` grows by one on every claim, and
-- every write about a claim names the token it got.

ALTER TABLE webhook_outbox ADD COLUMN claim_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE webhook_outbox ADD COLUMN lease_until_ms BIGINT;
-- The operator's Resend of a delivery that had ended: one more attempt, queued like any other.
ALTER TABLE webhook_outbox ADD COLUMN resend BOOLEAN NOT NULL DEFAULT FALSE;

-- The last token an outbox row of the handoff handed out, kept when the row goes: a Resend's new
-- row counts on from it, so a token of the earlier row never matches the new one.
ALTER TABLE handoff_events ADD COLUMN claims_made BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION webhook_outbox_keeps_its_claims() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE handoff_events SET claims_made = OLD.claim_token WHERE id = OLD.handoff_event_id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER webhook_outbox_keeps_its_claims AFTER DELETE ON webhook_outbox
    FOR EACH ROW EXECUTE FUNCTION webhook_outbox_keeps_its_claims();

ALTER TABLE channel_outbox ADD COLUMN claim_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE channel_outbox ADD COLUMN lease_until_ms BIGINT;
-- The same for a message sent again after its send failed (its outbox row is written anew).
ALTER TABLE messages ADD COLUMN claims_made BIGINT NOT NULL DEFAULT 0;
