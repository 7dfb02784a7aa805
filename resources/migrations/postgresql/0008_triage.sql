-- SPDX-License-Identifier: Apache-2.0
-- Triage, as SQLite's 0008: the assignee, the last resolution, since when the open handoff waits,
-- the Resolved count and one count per assignee (Mine). The views, as the counts keep them:
--   handoff   status handoff (Needs a human: the agent's escalations)
--   operator  status operator (an operator took over)
--   bot       status bot, never resolved since (the bot is handling)
--   resolved  status bot with a resolution (Resolved; a new handoff or takeover leaves it)
--   assignee:<name>  not resolved and assigned to <name> (Mine, for the seat whose name it is)

ALTER TABLE conversations ADD COLUMN assignee TEXT;
ALTER TABLE conversations ADD COLUMN resolved_by TEXT;
ALTER TABLE conversations ADD COLUMN resolved_at_ms BIGINT;
ALTER TABLE conversations ADD COLUMN handoff_at_ms BIGINT;
ALTER TABLE conversations ADD COLUMN inbox_state TEXT GENERATED ALWAYS AS
    (CASE WHEN status = 'bot' AND resolved_at_ms IS NOT NULL THEN 'resolved' ELSE status END) STORED;

UPDATE conversations SET handoff_at_ms =
    (SELECT MAX(at_ms) FROM handoff_events e WHERE e.conversation_id = conversations.id);
UPDATE conversations SET (resolved_at_ms, resolved_by) =
    (SELECT e.resolved_at_ms, e.resolved_by FROM handoff_events e WHERE e.conversation_id = conversations.id
     AND e.resolved_at_ms IS NOT NULL ORDER BY e.resolved_at_ms DESC, e.id DESC LIMIT 1)
WHERE status = 'bot';
UPDATE conversations SET assignee = (SELECT m.author FROM messages m WHERE m.conversation_id = conversations.id
                                     AND m.role = 'operator' AND m.author <> '' ORDER BY m.seq DESC LIMIT 1);

CREATE INDEX conversations_waiting ON conversations (status, handoff_at_ms, id);
CREATE INDEX conversations_by_assignee ON conversations (assignee, last_activity_ms DESC, id DESC)
    WHERE assignee IS NOT NULL AND (status <> 'bot' OR resolved_at_ms IS NULL);
CREATE INDEX conversations_by_state_activity ON conversations (inbox_state, last_activity_ms DESC, id DESC);

DROP TRIGGER conversations_counted_on_insert ON conversations;
DROP TRIGGER conversations_counted_on_delete ON conversations;
DROP TRIGGER conversations_counted_on_status ON conversations;
DROP FUNCTION conversations_counted();

DELETE FROM inbox_counts;
INSERT INTO inbox_counts (view, count) VALUES
    ('all', (SELECT COUNT(*) FROM conversations)),
    ('bot', (SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NULL)),
    ('resolved', (SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NOT NULL)),
    ('handoff', (SELECT COUNT(*) FROM conversations WHERE status = 'handoff')),
    ('operator', (SELECT COUNT(*) FROM conversations WHERE status = 'operator'));
INSERT INTO inbox_counts (view, count)
    SELECT 'assignee:' || assignee, COUNT(*) FROM conversations
    WHERE assignee IS NOT NULL AND (status <> 'bot' OR resolved_at_ms IS NULL) GROUP BY assignee;
UPDATE conversations SET handoff_at_ms = last_activity_ms WHERE status = 'handoff' AND handoff_at_ms IS NULL;

-- The Mine count's row a conversation is counted in (NULL: none).
CREATE FUNCTION zapito_assignee_view(assignee text, status text, resolved_at_ms bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN assignee IS NOT NULL AND (status <> 'bot' OR resolved_at_ms IS NULL)
                      THEN 'assignee:' || assignee END $$;

CREATE FUNCTION conversations_counted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    old_state text;
    new_state text;
    old_mine text;
    new_mine text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        old_state := OLD.inbox_state;
        old_mine := zapito_assignee_view(OLD.assignee, OLD.status, OLD.resolved_at_ms);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        new_state := NEW.inbox_state;
        new_mine := zapito_assignee_view(NEW.assignee, NEW.status, NEW.resolved_at_ms);
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE inbox_counts SET count = count + 1 WHERE view = 'all';
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE inbox_counts SET count = count - 1 WHERE view = 'all';
    END IF;
    IF old_state IS DISTINCT FROM new_state THEN
        UPDATE inbox_counts SET count = count - 1 WHERE view = old_state;
        UPDATE inbox_counts SET count = count + 1 WHERE view = new_state;
    END IF;
    IF old_mine IS DISTINCT FROM new_mine THEN
        UPDATE inbox_counts SET count = count - 1 WHERE view = old_mine;
        IF new_mine IS NOT NULL THEN
            INSERT INTO inbox_counts (view, count) VALUES (new_mine, 1)
                ON CONFLICT (view) DO UPDATE SET count = inbox_counts.count + 1;
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER conversations_counted_on_insert AFTER INSERT ON conversations
    FOR EACH ROW EXECUTE FUNCTION conversations_counted();
CREATE TRIGGER conversations_counted_on_delete AFTER DELETE ON conversations
    FOR EACH ROW EXECUTE FUNCTION conversations_counted();
CREATE TRIGGER conversations_counted_on_change AFTER UPDATE OF status, resolved_at_ms, assignee ON conversations
    FOR EACH ROW EXECUTE FUNCTION conversations_counted();

-- A handoff waits from the moment it is recorded; a status set without an event (imports, bulk
-- writes) waits from the conversation's last activity.
CREATE FUNCTION handoff_waits_from_insert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE conversations SET handoff_at_ms = NEW.at_ms WHERE id = NEW.conversation_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER handoff_waits_from_insert AFTER INSERT ON handoff_events
    FOR EACH ROW EXECUTE FUNCTION handoff_waits_from_insert();

CREATE FUNCTION handoff_waits_without_event() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.status = 'handoff' AND NEW.handoff_at_ms IS NULL THEN
        NEW.handoff_at_ms := NEW.last_activity_ms;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER handoff_waits_without_event BEFORE INSERT OR UPDATE OF status ON conversations
    FOR EACH ROW EXECUTE FUNCTION handoff_waits_without_event();

CREATE FUNCTION reply_assigns() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    UPDATE conversations SET assignee = NEW.author
        WHERE id = NEW.conversation_id AND assignee IS DISTINCT FROM NEW.author;
    RETURN NULL;
END;
$$;
CREATE TRIGGER reply_assigns AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.role = 'operator' AND NEW.author <> '') EXECUTE FUNCTION reply_assigns();
