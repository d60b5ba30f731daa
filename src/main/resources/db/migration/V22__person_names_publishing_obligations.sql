-- People by their names (as V21): versions, statements, obligations and webhooks keep the display
-- name their person had when acting, beside the user name they already keep. Existing rows get
-- their user name, the only name known for them.
ALTER TABLE statement_version
    ADD COLUMN created_by_name   text CHECK (length(created_by_name) BETWEEN 1 AND 200),
    ADD COLUMN submitted_by_name text CHECK (length(submitted_by_name) BETWEEN 1 AND 200),
    ADD COLUMN published_by_name text CHECK (length(published_by_name) BETWEEN 1 AND 200),
    ADD COLUMN withdrawn_by_name text CHECK (length(withdrawn_by_name) BETWEEN 1 AND 200);
ALTER TABLE statement
    ADD COLUMN updated_by_name   text CHECK (length(updated_by_name) BETWEEN 1 AND 200);
ALTER TABLE obligation
    ADD COLUMN last_reviewed_by_name text CHECK (length(last_reviewed_by_name) BETWEEN 1 AND 200),
    ADD COLUMN updated_by_name   text CHECK (length(updated_by_name) BETWEEN 1 AND 200);
ALTER TABLE webhook
    ADD COLUMN created_by_name   text CHECK (length(created_by_name) BETWEEN 1 AND 200);

-- Row-level security is forced on the owner too, a published version refuses changes and
-- statements change only in drafts (triggers): all lifted for the backfill, inside the migration's
-- transaction, and restored before it commits.
ALTER TABLE statement_version NO FORCE ROW LEVEL SECURITY;
ALTER TABLE statement NO FORCE ROW LEVEL SECURITY;
ALTER TABLE obligation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook NO FORCE ROW LEVEL SECURITY;
ALTER TABLE statement_version DISABLE TRIGGER statement_version_published_immutable;
ALTER TABLE statement DISABLE TRIGGER statement_only_in_drafts;

UPDATE statement_version SET created_by_name = left(created_by, 200),
                             submitted_by_name = left(submitted_by, 200),
                             published_by_name = left(published_by, 200),
                             withdrawn_by_name = left(withdrawn_by, 200);
UPDATE statement SET updated_by_name = left(updated_by, 200);
UPDATE obligation SET last_reviewed_by_name = left(last_reviewed_by, 200),
                      updated_by_name = left(updated_by, 200);
UPDATE webhook SET created_by_name = left(created_by, 200);

ALTER TABLE statement ENABLE TRIGGER statement_only_in_drafts;
ALTER TABLE statement_version ENABLE TRIGGER statement_version_published_immutable;
ALTER TABLE statement_version FORCE ROW LEVEL SECURITY;
ALTER TABLE statement FORCE ROW LEVEL SECURITY;
ALTER TABLE obligation FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook FORCE ROW LEVEL SECURITY;

ALTER TABLE statement_version ALTER COLUMN created_by_name SET NOT NULL;
ALTER TABLE statement ALTER COLUMN updated_by_name SET NOT NULL;
ALTER TABLE obligation ALTER COLUMN updated_by_name SET NOT NULL;
ALTER TABLE webhook ALTER COLUMN created_by_name SET NOT NULL;
-- A step names its person whenever it names a user.
ALTER TABLE statement_version
    ADD CHECK ((submitted_by IS NULL) = (submitted_by_name IS NULL)),
    ADD CHECK ((published_by IS NULL) = (published_by_name IS NULL)),
    ADD CHECK ((withdrawn_by IS NULL) = (withdrawn_by_name IS NULL));
ALTER TABLE obligation ADD CHECK ((last_reviewed_by IS NULL) = (last_reviewed_by_name IS NULL));

-- A published version stays immutable, its people's names included.
CREATE OR REPLACE FUNCTION statement_version_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN ('PUBLISHED', 'WITHDRAWN') THEN
            RAISE EXCEPTION 'a published version cannot be deleted'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status IN ('PUBLISHED', 'WITHDRAWN') AND (
           NEW.status NOT IN ('PUBLISHED', 'WITHDRAWN')
        OR (OLD.status = 'WITHDRAWN' AND NEW.status <> 'WITHDRAWN')
        OR NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id
        OR NEW.service_id <> OLD.service_id OR NEW.catalog_id <> OLD.catalog_id
        OR NEW.number <> OLD.number
        OR NEW.based_on IS DISTINCT FROM OLD.based_on
        OR NEW.changelog IS DISTINCT FROM OLD.changelog
        OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.created_by_name IS DISTINCT FROM OLD.created_by_name
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
        OR NEW.submitted_by_name IS DISTINCT FROM OLD.submitted_by_name
        OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
        OR NEW.published_by IS DISTINCT FROM OLD.published_by
        OR NEW.published_by_name IS DISTINCT FROM OLD.published_by_name
        OR NEW.published_at IS DISTINCT FROM OLD.published_at
        OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
        OR NEW.export_json IS DISTINCT FROM OLD.export_json
        OR (OLD.status = 'WITHDRAWN' AND (
               NEW.withdrawn_by IS DISTINCT FROM OLD.withdrawn_by
            OR NEW.withdrawn_by_name IS DISTINCT FROM OLD.withdrawn_by_name
            OR NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at
            OR NEW.withdrawal_reason IS DISTINCT FROM OLD.withdrawal_reason))) THEN
        RAISE EXCEPTION 'a published version is immutable'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
