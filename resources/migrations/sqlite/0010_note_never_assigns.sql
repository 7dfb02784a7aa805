-- SPDX-License-Identifier: Apache-2.0
-- A reply assigns the conversation to the operator who wrote it (0008); an internal note (0009) is
-- not a reply and takes nobody's conversation.
DROP TRIGGER reply_assigns;
CREATE TRIGGER reply_assigns AFTER INSERT ON messages
    WHEN new.role = 'operator' AND new.author <> '' AND new.kind = 'message'
BEGIN
    UPDATE conversations SET assignee = new.author
        WHERE id = new.conversation_id AND (assignee IS NULL OR assignee <> new.author);
END;
