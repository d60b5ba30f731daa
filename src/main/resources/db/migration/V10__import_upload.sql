-- Interchange: a file previewed on the import page, kept until it is applied (at most an hour).
-- Same tenancy rules as V1: tenant_id leads every key and index, foreign keys include it, and
-- row-level security is ENABLED and FORCED. The application may INSERT, SELECT and DELETE.
CREATE TABLE import_upload (
    tenant_id   text        NOT NULL REFERENCES tenant (id),
    id          uuid        NOT NULL,
    service_id  text        NOT NULL,
    file_name   text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_type  text        CHECK (length(media_type) <= 200),
    sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content     bytea       NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 10485760),
    uploaded_by text        NOT NULL CHECK (length(uploaded_by) BETWEEN 1 AND 200),
    uploaded_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX import_upload_by_age ON import_upload (tenant_id, uploaded_at);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['import_upload'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, DELETE ON import_upload TO ${appRole};
REVOKE UPDATE, TRUNCATE ON import_upload FROM ${appRole};
