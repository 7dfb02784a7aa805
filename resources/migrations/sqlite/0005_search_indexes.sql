-- SPDX-License-Identifier: Apache-2.0
-- Contact names and phone numbers / handles through full-text indexes, so a search never reads
-- the whole inbox (it used to test every conversation with LIKE '%…%').
--
-- Two FTS5 indexes, because each tokenizer answers a different question:
--   contact_trigram_fts  trigram, over the name and the number / handle: any substring of three
--                        characters or more ("aria" finds "Maria", "9999" finds 5511999990000);
--                        case-folded, but accents count (SQLite 3.40's trigram tokenizer has no
--                        remove_diacritics).
--   contact_words_fts    unicode61 remove_diacritics 2, over the name: whole words with accents
--                        folded ("jose" finds "José"), and words by their first one to four
--                        characters through prefix indexes, so a search shorter than a trigram is
--                        one index lookup, not a merge of every word that starts that way.
-- Both also carry `needs_human`, a token only conversations waiting for a human have, so Needs a
-- human + a name or number finds every waiting conversation of it through the index. The token is
-- three private-use characters that no name or number contains, so it shares no index entries
-- (and no prefix-index entries) with them.
-- Both are external-content indexes over the view below: the text lives once, in conversations.
-- Their rowid is the conversation's rowid. conversations has no INTEGER PRIMARY KEY, so that rowid
-- is SQLite's own: VACUUM keeps it for a table with indexes, but a migration that rebuilds
-- conversations (as 0003 did) must end with a 'rebuild' of both indexes.

-- The searchable form of a conversation: its name, its external id without the characters people
-- put in phone numbers ("+55 (11) 9999-0000" is stored as 551199990000 by WhatsApp, and the search
-- removes the same characters from what was typed), and whether it waits for a human. Written once
-- here, read by the indexes and the triggers; the token is spelt again in models/searchterms.cpp.
-- Reading one row of the view is one lookup of conversations by rowid.
CREATE VIEW contact_search_source (conversation_rowid, name, handle, needs_human) AS
SELECT rowid, contact_name,
    replace(replace(replace(replace(replace(replace(
        external_id, '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''),
    CASE WHEN status = 'handoff' THEN char(57600, 57601, 57602) ELSE '' END
FROM conversations;

CREATE VIRTUAL TABLE contact_trigram_fts USING fts5(
    name,
    handle,
    needs_human,
    content = 'contact_search_source',
    content_rowid = 'conversation_rowid',
    tokenize = 'trigram'
);

CREATE VIRTUAL TABLE contact_words_fts USING fts5(
    name,
    needs_human,
    content = 'contact_search_source',
    content_rowid = 'conversation_rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3 4'
);

-- An external-content index is told the old text to remove it, so the old row is read before it
-- changes or goes (BEFORE), the new one after it is written (AFTER). Only a real change of the name,
-- the id or the status touches the indexes: every inbound message upserts its conversation's name.
CREATE TRIGGER contact_search_after_insert AFTER INSERT ON conversations
BEGIN
    INSERT INTO contact_trigram_fts (rowid, name, handle, needs_human)
        SELECT conversation_rowid, name, handle, needs_human FROM contact_search_source
        WHERE conversation_rowid = new.rowid;
    INSERT INTO contact_words_fts (rowid, name, needs_human)
        SELECT conversation_rowid, name, needs_human FROM contact_search_source
        WHERE conversation_rowid = new.rowid;
END;

CREATE TRIGGER contact_search_before_delete BEFORE DELETE ON conversations
BEGIN
    INSERT INTO contact_trigram_fts (contact_trigram_fts, rowid, name, handle, needs_human)
        SELECT 'delete', conversation_rowid, name, handle, needs_human FROM contact_search_source
        WHERE conversation_rowid = old.rowid;
    INSERT INTO contact_words_fts (contact_words_fts, rowid, name, needs_human)
        SELECT 'delete', conversation_rowid, name, needs_human FROM contact_search_source
        WHERE conversation_rowid = old.rowid;
END;

CREATE TRIGGER contact_search_before_update
    BEFORE UPDATE OF contact_name, external_id, status ON conversations
    WHEN old.contact_name IS NOT new.contact_name OR old.external_id IS NOT new.external_id
        OR old.status IS NOT new.status
BEGIN
    INSERT INTO contact_trigram_fts (contact_trigram_fts, rowid, name, handle, needs_human)
        SELECT 'delete', conversation_rowid, name, handle, needs_human FROM contact_search_source
        WHERE conversation_rowid = old.rowid;
    INSERT INTO contact_words_fts (contact_words_fts, rowid, name, needs_human)
        SELECT 'delete', conversation_rowid, name, needs_human FROM contact_search_source
        WHERE conversation_rowid = old.rowid;
END;

CREATE TRIGGER contact_search_after_update
    AFTER UPDATE OF contact_name, external_id, status ON conversations
    WHEN old.contact_name IS NOT new.contact_name OR old.external_id IS NOT new.external_id
        OR old.status IS NOT new.status
BEGIN
    INSERT INTO contact_trigram_fts (rowid, name, handle, needs_human)
        SELECT conversation_rowid, name, handle, needs_human FROM contact_search_source
        WHERE conversation_rowid = new.rowid;
    INSERT INTO contact_words_fts (rowid, name, needs_human)
        SELECT conversation_rowid, name, needs_human FROM contact_search_source
        WHERE conversation_rowid = new.rowid;
END;

-- Conversations stored before this migration.
INSERT INTO contact_trigram_fts (contact_trigram_fts) VALUES ('rebuild');
INSERT INTO contact_words_fts (contact_words_fts) VALUES ('rebuild');
