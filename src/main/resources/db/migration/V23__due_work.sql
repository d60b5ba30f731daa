-- Due work of the periodic passes (docs/tenancy.md, "Due work"): hints that say when a tenant's
-- pass of a kind may have work, so that a pass visits the tenants with work instead of every
-- tenant. Triggers on the tables the passes read write them:
--   kind 'mail'      mail_outbox rows waiting for delivery       (due at next_attempt_at)
--   kind 'webhook'   webhook_delivery rows waiting for delivery  (due at next_attempt_at)
--   kind 'announce'  provider replies and decided deviations     (due at once)
--   kind 'deadline'  open change notices with a deadline         (due at the deadline; the pass
--                    looks ahead by the warning period)
-- A hint is a row of its own: writers only insert, so they never wait for each other or for a
-- pass. A pass deletes a tenant's due hints before its work and writes one for the next time its
-- work reports (dev.tandem.tenancy.DueWork). A hint still uncommitted when the pass deletes is not
-- deleted, so no hint is lost; hints may be early (the pass then finds nothing), never late.
CREATE TABLE due_work (
    tenant_id text        NOT NULL REFERENCES tenant (id),
    id        uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind      text        NOT NULL CHECK (kind IN ('mail', 'webhook', 'announce', 'deadline')),
    due_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX due_work_due ON due_work (tenant_id, kind, due_at);

-- Tenant isolation as everywhere, plus the one deliberate exception: a transaction of no tenant
-- (the scheduler's) may read every row, to learn which tenants have due work. The rows hold tenant
-- ids, kinds and times only; writes are the tenant's own, and a tenant's transaction sees only its
-- own rows.
ALTER TABLE due_work ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON due_work
    USING (tenant_id = (SELECT current_setting('app.tenant', true)))
    WITH CHECK (tenant_id = (SELECT current_setting('app.tenant', true)));
CREATE POLICY platform_reads_due ON due_work FOR SELECT
    USING ((SELECT coalesce(current_setting('app.tenant', true), '')) = '');

GRANT SELECT, INSERT, DELETE ON due_work TO ${appRole};

-- TG_ARGV[0]: the kind. Outbox rows are due at their next attempt.
CREATE FUNCTION tandem_due_next_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO due_work (tenant_id, kind, due_at) VALUES (NEW.tenant_id, TG_ARGV[0], NEW.next_attempt_at);
    RETURN NULL;
END;
$$;

-- TG_ARGV[0]: the kind. Due at once.
CREATE FUNCTION tandem_due_now() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO due_work (tenant_id, kind, due_at) VALUES (NEW.tenant_id, TG_ARGV[0], now());
    RETURN NULL;
END;
$$;

CREATE FUNCTION tandem_due_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO due_work (tenant_id, kind, due_at) VALUES (NEW.tenant_id, 'deadline', NEW.deadline);
    RETURN NULL;
END;
$$;

CREATE TRIGGER mail_outbox_due_work AFTER INSERT OR UPDATE OF next_attempt_at ON mail_outbox
    FOR EACH ROW WHEN (NEW.sent_at IS NULL AND NEW.next_attempt_at IS NOT NULL)
    EXECUTE FUNCTION tandem_due_next_attempt('mail');
CREATE TRIGGER webhook_delivery_due_work AFTER INSERT OR UPDATE OF next_attempt_at ON webhook_delivery
    FOR EACH ROW WHEN (NEW.delivered_at IS NULL AND NEW.next_attempt_at IS NOT NULL)
    EXECUTE FUNCTION tandem_due_next_attempt('webhook');
CREATE TRIGGER review_message_due_work AFTER INSERT ON review_message
    FOR EACH ROW WHEN (NEW.side = 'provider')
    EXECUTE FUNCTION tandem_due_now('announce');
CREATE TRIGGER deviation_due_work AFTER INSERT OR UPDATE OF status ON deviation
    FOR EACH ROW WHEN (NEW.status IN ('approved', 'rejected'))
    EXECUTE FUNCTION tandem_due_now('announce');
CREATE TRIGGER change_notice_due_work AFTER INSERT OR UPDATE OF deadline, reminded_at, resolved_at
    ON change_notice
    FOR EACH ROW WHEN (NEW.resolved_at IS NULL AND NEW.reminded_at IS NULL AND NEW.deadline IS NOT NULL)
    EXECUTE FUNCTION tandem_due_deadline();

-- Work waiting from before this migration gets its hints here, so the passes find it too: as the
-- owner, with row-level security not forced on the tables read for this transaction only (ALTER
-- TABLE holds their locks until the commit, so no one else sees them unforced).
ALTER TABLE mail_outbox NO FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery NO FORCE ROW LEVEL SECURITY;
ALTER TABLE review_message NO FORCE ROW LEVEL SECURITY;
ALTER TABLE deviation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE change_notice NO FORCE ROW LEVEL SECURITY;

INSERT INTO due_work (tenant_id, kind, due_at)
    SELECT tenant_id, 'mail', min(next_attempt_at) FROM mail_outbox
     WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL GROUP BY tenant_id;
INSERT INTO due_work (tenant_id, kind, due_at)
    SELECT tenant_id, 'webhook', min(next_attempt_at) FROM webhook_delivery
     WHERE delivered_at IS NULL AND next_attempt_at IS NOT NULL GROUP BY tenant_id;
INSERT INTO due_work (tenant_id, kind, due_at)
    SELECT tenant_id, 'announce', now() FROM review_message WHERE side = 'provider'
    UNION
    SELECT tenant_id, 'announce', now() FROM deviation WHERE status IN ('approved', 'rejected');
INSERT INTO due_work (tenant_id, kind, due_at)
    SELECT tenant_id, 'deadline', min(deadline) FROM change_notice
     WHERE resolved_at IS NULL AND reminded_at IS NULL AND deadline IS NOT NULL GROUP BY tenant_id;

ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery FORCE ROW LEVEL SECURITY;
ALTER TABLE review_message FORCE ROW LEVEL SECURITY;
ALTER TABLE deviation FORCE ROW LEVEL SECURITY;
ALTER TABLE change_notice FORCE ROW LEVEL SECURITY;
ALTER TABLE due_work FORCE ROW LEVEL SECURITY;
