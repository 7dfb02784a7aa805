-- SPDX-License-Identifier: Apache-2.0
-- A reply assigns the conversation to the operator who wrote it (0008); an internal note (0009) is
-- not a reply and takes nobody's conversation.
DROP TRIGGER reply_assigns ON messages;
CREATE TRIGGER reply_assigns AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.role = 'operator' AND NEW.author <> '' AND NEW.kind = 'message')
    EXECUTE FUNCTION reply_assigns();
