-- Transactional outbox for notification e-mails (docs/review.md, "Notifications"): a row is written
-- in the transaction of the operation it announces, so it commits or rolls back with it, and is
-- delivered afterwards (at once after the commit, and by a periodic job on every replica that
-- claims due rows with SELECT ... FOR UPDATE SKIP LOCKED). Delivery is at least once.
-- Same tenancy rules as V1: tenant_id leads every key and index, row-level security ENABLED and
-- FORCED. Rows are never deleted by the application; a row that gave up stays for an operator.
CREATE TABLE mail_outbox (
    tenant_id       text        NOT NULL REFERENCES tenant (id),
    id              uuid        NOT NULL,
    recipient       text        NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
    subject         text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 1000),
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL,
    -- Delivery attempts started so far (a claim counts, so a crash during the send counts too).
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When the row is next due; null once the job gave up (attempts reached the maximum).
    next_attempt_at timestamptz,
    sent_at         timestamptz,
    last_error      text        CHECK (length(last_error) <= 500),
    PRIMARY KEY (tenant_id, id)
);
-- The job's claim: unsent rows of one tenant in the order they fall due.
CREATE INDEX mail_outbox_due ON mail_outbox (tenant_id, next_attempt_at) WHERE sent_at IS NULL;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['mail_outbox'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON mail_outbox TO ${appRole};
