-- One-time form tokens of the pages: every form that creates something (a question, a reply, a
-- deviation, a decision, a status) carries a random token; the first submission records it in the
-- transaction of its write, so Back + resubmit (or a double click) finds it and writes nothing
-- twice. Where the first submission led is kept to send the repeat there.
-- Same tenancy rules as V1: tenant_id leads the key, row-level security ENABLED and FORCED.
CREATE TABLE form_submission (
    tenant_id    text        NOT NULL REFERENCES tenant (id),
    token        uuid        NOT NULL,
    submitted_by text        NOT NULL,
    submitted_at timestamptz NOT NULL,
    result       text        CHECK (length(result) <= 2000),
    PRIMARY KEY (tenant_id, token)
);
-- Old tokens are removed after the retention period (OneTimeForms).
CREATE INDEX form_submission_age ON form_submission (submitted_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['form_submission'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON form_submission TO ${appRole};
