-- Change feed for the read caches (docs/architecture.md, "Read path and caches"): every change
-- of what a cached read depends on announces itself on the channel 'tandem_change' with the
-- payload '<tenant>|<scope>'. PostgreSQL delivers it to every listening replica when the
-- transaction commits (not before, never for a rollback) and sends one notification per distinct
-- payload and transaction, so a bulk change costs one message.
--   scope 'publishing'     a version of the tenant changed (created, submitted, published, withdrawn)
--   scope 'all'            anything of the tenant (every cached read of it is stale)
--   scope 'org:<org id>'   the organization's grants, NDA, statuses, threads, messages,
--                          deviations or acceptances changed

CREATE FUNCTION tandem_change_publishing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    r := COALESCE(NEW, OLD);
    PERFORM pg_notify('tandem_change', r.tenant_id || '|publishing');
    RETURN NULL;
END;
$$;

CREATE FUNCTION tandem_change_organization() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    r := COALESCE(NEW, OLD);
    PERFORM pg_notify('tandem_change', r.tenant_id || '|org:' || r.organization_id);
    IF TG_OP = 'UPDATE' AND OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
        PERFORM pg_notify('tandem_change', OLD.tenant_id || '|org:' || OLD.organization_id);
    END IF;
    RETURN NULL;
END;
$$;

-- Messages name their thread, not the organization.
CREATE FUNCTION tandem_change_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    org text;
BEGIN
    r := COALESCE(NEW, OLD);
    SELECT organization_id INTO org FROM review_thread
     WHERE tenant_id = r.tenant_id AND id = r.thread_id;
    IF org IS NULL THEN
        -- Unknown thread (the foreign key makes it impossible): everything of the tenant.
        PERFORM pg_notify('tandem_change', r.tenant_id || '|all');
    ELSE
        PERFORM pg_notify('tandem_change', r.tenant_id || '|org:' || org);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER statement_version_change AFTER INSERT OR UPDATE OR DELETE ON statement_version
    FOR EACH ROW EXECUTE FUNCTION tandem_change_publishing();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['access_grant', 'control_review', 'review_thread', 'deviation', 'acceptance'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I'
                       ' FOR EACH ROW EXECUTE FUNCTION tandem_change_organization()', t || '_change', t);
    END LOOP;
END;
$$;

CREATE TRIGGER review_message_change AFTER INSERT OR UPDATE OR DELETE ON review_message
    FOR EACH ROW EXECUTE FUNCTION tandem_change_message();
