-- SPDX-License-Identifier: Apache-2.0
-- Full-text search over message text for the inbox's search box. An external-content
-- FTS5 index: the text lives once, in messages; triggers keep the index in step with every
-- insert, update and delete (including the cascade when a conversation is removed).
-- remove_diacritics 2 lets "cafe" find "Café"; prefix queries ("mar"*) need no extra index.

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages
BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages
BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;

CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF content ON messages
BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;

-- Messages stored before this migration.
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
