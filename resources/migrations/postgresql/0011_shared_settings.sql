-- SPDX-License-Identifier: Apache-2.0
-- Settings every seat must agree on (the webhook's endpoint and switch, the bot's flow and texts,
-- the channels' configuration) live in the store, one row a key, as SQLite's 0011. Secrets are
-- never here: they stay in each machine's keychain. A save is one INSERT … ON CONFLICT DO UPDATE
-- of all its keys, so two seats saving at once never leave a mix of both.
CREATE TABLE shared_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);

-- A change of a setting reaches the other processes through the change log (kind 'setting', the
-- key in conversation_id) and its NOTIFY, as every other change does.
ALTER TABLE change_log DROP CONSTRAINT change_log_kind_check;
ALTER TABLE change_log ADD CONSTRAINT change_log_kind_check
    CHECK (kind IN ('conversation', 'message_added', 'message_changed', 'handoff', 'delivery', 'setting'));

CREATE FUNCTION zapito_log_setting() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- An unchanged save logs nothing.
    IF TG_OP = 'UPDATE' AND OLD.value IS NOT DISTINCT FROM NEW.value THEN
        RETURN NULL;
    END IF;
    INSERT INTO change_log (kind, conversation_id, row_id, at_ms)
        VALUES ('setting', NEW.key, 0, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    PERFORM pg_notify('zapito_changes', 'setting ' || left(NEW.key, 200));
    RETURN NULL;
END;
$$;

CREATE TRIGGER change_log_setting AFTER INSERT OR UPDATE OF value ON shared_settings
    FOR EACH ROW EXECUTE FUNCTION zapito_log_setting();
