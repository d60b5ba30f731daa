-- Contract annex (issue 6): the SHA-256 of every annex issued, so that whoever holds an annex can
-- learn whether this tenant issued it. V4, not V3: V3 is left to customer review/acceptance
-- (issue 5); acceptance_id will reference its acceptance table once that exists.
-- Same tenancy rules as V1: tenant_id leads every key and index, foreign keys include it, and
-- row-level security is ENABLED and FORCED. Append-only: the application may INSERT and SELECT.
CREATE TABLE annex_issued (
    tenant_id      text        NOT NULL REFERENCES tenant (id),
    id             uuid        NOT NULL,
    format         text        NOT NULL CHECK (format IN ('pdf', 'docx', 'md', 'html')),
    sha256         text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    service_id     text        NOT NULL,
    version_number integer     NOT NULL CHECK (version_number > 0),
    -- The acceptance an acceptance annex belongs to, and the customer organization it is for;
    -- both null for the provider's standard annex.
    acceptance_id  uuid,
    customer_id    text,
    issued_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    issued_by      text        NOT NULL CHECK (length(issued_by) BETWEEN 1 AND 200),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id, version_number)
        REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customer_organization (tenant_id, id),
    CHECK ((acceptance_id IS NULL) = (customer_id IS NULL))
);
CREATE INDEX annex_issued_by_hash ON annex_issued (tenant_id, sha256, issued_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['annex_issued'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT ON annex_issued TO ${appRole};
REVOKE UPDATE, DELETE, TRUNCATE ON annex_issued FROM ${appRole};

CREATE FUNCTION annex_issued_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'annex_issued is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER annex_issued_no_update BEFORE UPDATE OR DELETE ON annex_issued
    FOR EACH ROW EXECUTE FUNCTION annex_issued_append_only();
CREATE TRIGGER annex_issued_no_truncate BEFORE TRUNCATE ON annex_issued
    FOR EACH STATEMENT EXECUTE FUNCTION annex_issued_append_only();
