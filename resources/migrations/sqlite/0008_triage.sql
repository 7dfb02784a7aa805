-- SPDX-License-Identifier: Apache-2.0
-- Triage: who has a conversation (its assignee), who resolved it last and when, and since when
-- its open handoff waits; the view counts grow Resolved and one count per assignee (Mine).
--
-- Views are a partition by state plus the per-assignee counts:
--   handoff   status handoff (Needs a human: the agent's escalations)
--   operator  status operator (an operator took over)
--   bot       status bot, never resolved since (the bot is handling)
--   resolved  status bot with a resolution (Resolved; a new handoff or takeover leaves it)
--   assignee:<name>  not resolved and assigned to <name> (Mine, for the seat whose name it is)
-- The triggers keep them in the transaction of every write that changes them.

ALTER TABLE conversations ADD COLUMN assignee TEXT;
ALTER TABLE conversations ADD COLUMN resolved_by TEXT;
ALTER TABLE conversations ADD COLUMN resolved_at_ms INTEGER;
-- When the open (or, once resolved, the last) handoff began: Needs a human waits longest first.
ALTER TABLE conversations ADD COLUMN handoff_at_ms INTEGER;
-- The state view a conversation is in (bot, handoff, operator or resolved), for the counts and
-- for an index that Bot and Resolved read in order.
ALTER TABLE conversations ADD COLUMN inbox_state TEXT GENERATED ALWAYS AS
    (CASE WHEN status = 'bot' AND resolved_at_ms IS NOT NULL THEN 'resolved' ELSE status END) VIRTUAL;

UPDATE conversations SET handoff_at_ms =
    (SELECT MAX(at_ms) FROM handoff_events e WHERE e.conversation_id = conversations.id);
UPDATE conversations SET
    resolved_at_ms = (SELECT e.resolved_at_ms FROM handoff_events e WHERE e.conversation_id = conversations.id
                      AND e.resolved_at_ms IS NOT NULL ORDER BY e.resolved_at_ms DESC, e.id DESC LIMIT 1),
    resolved_by = (SELECT e.resolved_by FROM handoff_events e WHERE e.conversation_id = conversations.id
                   AND e.resolved_at_ms IS NOT NULL ORDER BY e.resolved_at_ms DESC, e.id DESC LIMIT 1)
WHERE status = 'bot';
UPDATE conversations SET assignee = (SELECT m.author FROM messages m WHERE m.conversation_id = conversations.id
                                     AND m.role = 'operator' AND m.author <> '' ORDER BY m.seq DESC LIMIT 1);

-- Each view's page reads one of these in order, and only its own rows.
CREATE INDEX conversations_waiting ON conversations (status, handoff_at_ms, id);
CREATE INDEX conversations_by_assignee ON conversations (assignee, last_activity_ms DESC, id DESC)
    WHERE assignee IS NOT NULL AND (status <> 'bot' OR resolved_at_ms IS NULL);
CREATE INDEX conversations_by_state_activity ON conversations (inbox_state, last_activity_ms DESC, id DESC);

DROP TRIGGER conversations_counted_on_insert;
DROP TRIGGER conversations_counted_on_delete;
DROP TRIGGER conversations_counted_on_status;

DELETE FROM inbox_counts;
INSERT INTO inbox_counts (view, count) VALUES ('all', (SELECT COUNT(*) FROM conversations));
INSERT INTO inbox_counts (view, count)
    VALUES ('bot', (SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NULL));
INSERT INTO inbox_counts (view, count)
    VALUES ('resolved', (SELECT COUNT(*) FROM conversations WHERE status = 'bot' AND resolved_at_ms IS NOT NULL));
INSERT INTO inbox_counts (view, count)
    VALUES ('handoff', (SELECT COUNT(*) FROM conversations WHERE status = 'handoff'));
INSERT INTO inbox_counts (view, count)
    VALUES ('operator', (SELECT COUNT(*) FROM conversations WHERE status = 'operator'));
INSERT INTO inbox_counts (view, count)
    SELECT 'assignee:' || assignee, COUNT(*) FROM conversations
    WHERE assignee IS NOT NULL AND (status <> 'bot' OR resolved_at_ms IS NULL) GROUP BY assignee;
UPDATE conversations SET handoff_at_ms = last_activity_ms WHERE status = 'handoff' AND handoff_at_ms IS NULL;

CREATE TRIGGER conversations_counted_on_insert AFTER INSERT ON conversations
BEGIN
    UPDATE inbox_counts SET count = count + 1 WHERE view IN ('all',
        new.inbox_state);
    INSERT INTO inbox_counts (view, count)
        SELECT 'assignee:' || new.assignee, 0
        WHERE new.assignee IS NOT NULL AND (new.status <> 'bot' OR new.resolved_at_ms IS NULL)
        ON CONFLICT (view) DO NOTHING;
    UPDATE inbox_counts SET count = count + 1
        WHERE new.assignee IS NOT NULL AND (new.status <> 'bot' OR new.resolved_at_ms IS NULL)
        AND view = 'assignee:' || new.assignee;
END;

CREATE TRIGGER conversations_counted_on_delete AFTER DELETE ON conversations
BEGIN
    UPDATE inbox_counts SET count = count - 1 WHERE view IN ('all',
        old.inbox_state);
    UPDATE inbox_counts SET count = count - 1
        WHERE old.assignee IS NOT NULL AND (old.status <> 'bot' OR old.resolved_at_ms IS NULL)
        AND view = 'assignee:' || old.assignee;
END;

CREATE TRIGGER conversations_counted_on_change AFTER UPDATE OF status, resolved_at_ms, assignee ON conversations
BEGIN
    UPDATE inbox_counts SET count = count - 1
        WHERE view = old.inbox_state;
    UPDATE inbox_counts SET count = count + 1
        WHERE view = new.inbox_state;
    UPDATE inbox_counts SET count = count - 1
        WHERE old.assignee IS NOT NULL AND (old.status <> 'bot' OR old.resolved_at_ms IS NULL)
        AND view = 'assignee:' || old.assignee;
    INSERT INTO inbox_counts (view, count)
        SELECT 'assignee:' || new.assignee, 0
        WHERE new.assignee IS NOT NULL AND (new.status <> 'bot' OR new.resolved_at_ms IS NULL)
        ON CONFLICT (view) DO NOTHING;
    UPDATE inbox_counts SET count = count + 1
        WHERE new.assignee IS NOT NULL AND (new.status <> 'bot' OR new.resolved_at_ms IS NULL)
        AND view = 'assignee:' || new.assignee;
END;

-- A handoff waits from the moment it is recorded; a status set without an event (imports, bulk
-- writes) waits from the conversation's last activity.
CREATE TRIGGER handoff_waits_from_insert AFTER INSERT ON handoff_events
BEGIN
    UPDATE conversations SET handoff_at_ms = new.at_ms WHERE id = new.conversation_id;
END;

CREATE TRIGGER handoff_waits_without_event AFTER UPDATE OF status ON conversations
    WHEN new.status = 'handoff' AND new.handoff_at_ms IS NULL
BEGIN
    UPDATE conversations SET handoff_at_ms = new.last_activity_ms WHERE id = new.id;
END;

CREATE TRIGGER handoff_waits_inserted AFTER INSERT ON conversations
    WHEN new.status = 'handoff' AND new.handoff_at_ms IS NULL
BEGIN
    UPDATE conversations SET handoff_at_ms = new.last_activity_ms WHERE id = new.id;
END;

-- A reply assigns the conversation to the operator who wrote it.
CREATE TRIGGER reply_assigns AFTER INSERT ON messages
    WHEN new.role = 'operator' AND new.author <> ''
BEGIN
    UPDATE conversations SET assignee = new.author
        WHERE id = new.conversation_id AND (assignee IS NULL OR assignee <> new.author);
END;
