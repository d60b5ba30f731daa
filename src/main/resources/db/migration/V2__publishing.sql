-- Provider publishing (issue 4): versioned statement sets per cloud service, and the audit trail.
-- Same tenancy rules as V1: tenant_id leads every key, foreign keys include it, and row-level
-- security is ENABLED and FORCED on every table.

-- One version of a service's statement set. The number (1, 2, 3, ...) is reserved when the draft
-- is created (at most one open draft per service), so a submitted draft is approved as
-- .../versions/{number}/approve and keeps that number when published.
CREATE TABLE statement_version (
    tenant_id         text        NOT NULL REFERENCES tenant (id),
    id                uuid        NOT NULL,
    service_id        text        NOT NULL,
    catalog_id        text        NOT NULL CHECK (length(catalog_id) BETWEEN 1 AND 100),
    number            integer     NOT NULL CHECK (number > 0),
    status            text        NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'WITHDRAWN')),
    based_on          integer,
    changelog         text        CHECK (length(changelog) <= 2000),
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL,
    submitted_by      text,
    submitted_at      timestamptz,
    published_by      text,
    published_at      timestamptz,
    -- SHA-256 (hex) of export_json, the RFC 8785 canonical JSON of the published version.
    content_hash      text        CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    export_json       text,
    withdrawn_by      text,
    withdrawn_at      timestamptz,
    withdrawal_reason text        CHECK (length(withdrawal_reason) <= 2000),
    lock_version      bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id),
    CHECK (status NOT IN ('PUBLISHED', 'WITHDRAWN')
           OR (published_by IS NOT NULL AND published_at IS NOT NULL
               AND content_hash IS NOT NULL AND export_json IS NOT NULL AND changelog IS NOT NULL)),
    CHECK (status <> 'WITHDRAWN'
           OR (withdrawn_by IS NOT NULL AND withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL))
);
-- At most one open (draft or submitted) version per service.
CREATE UNIQUE INDEX statement_version_one_open
    ON statement_version (tenant_id, service_id) WHERE status IN ('DRAFT', 'SUBMITTED');

-- The statement for one control in one version.
CREATE TABLE statement (
    tenant_id               text        NOT NULL REFERENCES tenant (id),
    id                      uuid        NOT NULL,
    version_id              uuid        NOT NULL,
    control_id              text        NOT NULL CHECK (control_id ~ '^[A-Za-z0-9.]{1,40}$'),
    applicable              boolean     NOT NULL,
    justification           text        CHECK (length(justification) <= 2000),
    responsibility          text        CHECK (responsibility IN ('provider', 'customer', 'shared')),
    implementation          text        CHECK (length(implementation) <= 10000),
    customer_responsibility text        CHECK (length(customer_responsibility) <= 10000),
    evidence                jsonb       NOT NULL DEFAULT '[]',
    tags                    jsonb       NOT NULL DEFAULT '[]',
    updated_by              text        NOT NULL,
    updated_at              timestamptz NOT NULL,
    lock_version            bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, version_id, control_id),
    FOREIGN KEY (tenant_id, version_id) REFERENCES statement_version (tenant_id, id),
    CHECK (applicable OR length(btrim(coalesce(justification, ''))) > 0),
    CHECK (NOT applicable OR responsibility IS NOT NULL),
    CHECK (responsibility IS NULL OR responsibility = 'provider'
           OR length(btrim(coalesce(customer_responsibility, ''))) > 0),
    CHECK (jsonb_typeof(evidence) = 'array' AND jsonb_typeof(tags) = 'array')
);

-- Append-only audit trail of every state change. The application may INSERT and SELECT only.
CREATE TABLE audit_event (
    tenant_id      text        NOT NULL REFERENCES tenant (id),
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor          text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    action         text        NOT NULL CHECK (action ~ '^[A-Z_]{3,40}$'),
    service_id     text,
    version_number integer,
    control_id     text,
    detail         jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_event_by_service ON audit_event (tenant_id, service_id, version_number, actor);
CREATE INDEX audit_event_by_actor ON audit_event (tenant_id, actor, id);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['statement_version', 'statement', 'audit_event'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

-- Versions are never deleted by the application; statements only while their draft is open.
GRANT SELECT, INSERT, UPDATE ON statement_version TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON statement TO ${appRole};
GRANT SELECT, INSERT ON audit_event TO ${appRole};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ${appRole};
DO $$
BEGIN
    EXECUTE format('GRANT USAGE ON SEQUENCE %s TO ${appRole}', pg_get_serial_sequence('audit_event', 'id'));
END $$;

-- Defence in depth below the application: the audit trail cannot be changed even by a role with
-- table privileges (short of dropping the trigger), ...
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- ... statements change only while their version is a draft, ...
CREATE FUNCTION statement_only_in_drafts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_status text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT status INTO v_status FROM statement_version
         WHERE tenant_id = OLD.tenant_id AND id = OLD.version_id;
        IF v_status IS DISTINCT FROM 'DRAFT' THEN
            RAISE EXCEPTION 'statements of a % version cannot be changed', v_status
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT status INTO v_status FROM statement_version
         WHERE tenant_id = NEW.tenant_id AND id = NEW.version_id;
        IF v_status IS DISTINCT FROM 'DRAFT' THEN
            RAISE EXCEPTION 'statements of a % version cannot be changed', v_status
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER statement_only_in_drafts BEFORE INSERT OR UPDATE OR DELETE ON statement
    FOR EACH ROW EXECUTE FUNCTION statement_only_in_drafts();

-- ... and a published version is immutable: only PUBLISHED -> WITHDRAWN (with its reason) may
-- still happen to it.
CREATE FUNCTION statement_version_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
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
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
        OR NEW.submitted_at IS DISTINCT FROM OLD.submitted_at
        OR NEW.published_by IS DISTINCT FROM OLD.published_by
        OR NEW.published_at IS DISTINCT FROM OLD.published_at
        OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
        OR NEW.export_json IS DISTINCT FROM OLD.export_json
        OR (OLD.status = 'WITHDRAWN' AND (
               NEW.withdrawn_by IS DISTINCT FROM OLD.withdrawn_by
            OR NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at
            OR NEW.withdrawal_reason IS DISTINCT FROM OLD.withdrawal_reason))) THEN
        RAISE EXCEPTION 'a published version is immutable'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER statement_version_published_immutable BEFORE UPDATE OR DELETE ON statement_version
    FOR EACH ROW EXECUTE FUNCTION statement_version_published_immutable();
