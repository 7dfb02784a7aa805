-- SPDX-License-Identifier: Apache-2.0
-- The inbox's view counts (All, Needs a human, and one per status), kept by triggers in the same
-- transaction as every change to a conversation, so showing them never counts the inbox.

CREATE TABLE inbox_counts (
    view TEXT PRIMARY KEY, -- 'all', or a conversation status: 'bot', 'handoff', 'operator'
    count INTEGER NOT NULL
);

INSERT INTO inbox_counts (view, count) VALUES ('all', (SELECT COUNT(*) FROM conversations));
INSERT INTO inbox_counts (view, count) VALUES ('bot', (SELECT COUNT(*) FROM conversations WHERE status = 'bot'));
INSERT INTO inbox_counts (view, count)
    VALUES ('handoff', (SELECT COUNT(*) FROM conversations WHERE status = 'handoff'));
INSERT INTO inbox_counts (view, count)
    VALUES ('operator', (SELECT COUNT(*) FROM conversations WHERE status = 'operator'));

CREATE TRIGGER conversations_counted_on_insert AFTER INSERT ON conversations
BEGIN
    UPDATE inbox_counts SET count = count + 1 WHERE view IN ('all', new.status);
END;

CREATE TRIGGER conversations_counted_on_delete AFTER DELETE ON conversations
BEGIN
    UPDATE inbox_counts SET count = count - 1 WHERE view IN ('all', old.status);
END;

CREATE TRIGGER conversations_counted_on_status AFTER UPDATE OF status ON conversations
    WHEN old.status <> new.status
BEGIN
    UPDATE inbox_counts SET count = count - 1 WHERE view = old.status;
    UPDATE inbox_counts SET count = count + 1 WHERE view = new.status;
END;
