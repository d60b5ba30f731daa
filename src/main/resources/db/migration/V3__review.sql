-- Customer due-diligence review (issue 5): access grants with NDA click-through, per-control review
-- statuses, question threads, deviations and immutable acceptances. Same tenancy rules as V1/V2:
-- tenant_id leads every key and index, foreign keys include it, row-level security ENABLED and
-- FORCED on every table.

-- A customer organization's access to one cloud service (revoking deletes the row).
CREATE TABLE access_grant (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    service_id       text        NOT NULL,
    organization_id  text        NOT NULL,
    nda_required     boolean     NOT NULL,
    granted_by       text        NOT NULL,
    granted_at       timestamptz NOT NULL,
    nda_accepted_by  text,
    nda_accepted_at  timestamptz,
    PRIMARY KEY (tenant_id, service_id, organization_id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);
CREATE INDEX access_grant_by_org ON access_grant (tenant_id, organization_id);

-- A customer reviewer's status for one control of one version.
CREATE TABLE control_review (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    version_number   integer     NOT NULL,
    control_id       text        NOT NULL CHECK (control_id ~ '^[A-Za-z0-9.]{1,40}$'),
    status           text        NOT NULL CHECK (status IN ('accepted', 'question', 'objection')),
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, service_id, version_number, control_id),
    FOREIGN KEY (tenant_id, service_id, version_number) REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);

-- A question thread: one control, one organization, the version it was asked on.
CREATE TABLE review_thread (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    version_number   integer     NOT NULL,
    control_id       text        NOT NULL CHECK (control_id ~ '^[A-Za-z0-9.]{1,40}$'),
    status           text        NOT NULL CHECK (status IN ('open', 'resolved')),
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    resolved_by      text,
    resolved_at      timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id, version_number) REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);
CREATE INDEX review_thread_by_org ON review_thread (tenant_id, organization_id, service_id, status);
CREATE INDEX review_thread_open ON review_thread (tenant_id, status, created_at);

CREATE TABLE review_message (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    thread_id        uuid        NOT NULL,
    author           text        NOT NULL,
    side             text        NOT NULL CHECK (side IN ('customer', 'provider')),
    body             text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, thread_id) REFERENCES review_thread (tenant_id, id)
);
CREATE INDEX review_message_by_thread ON review_message (tenant_id, thread_id, created_at);

-- A customer's proposed deviation for one control, and the provider's decision.
CREATE TABLE deviation (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    version_number   integer     NOT NULL,
    control_id       text        NOT NULL CHECK (control_id ~ '^[A-Za-z0-9.]{1,40}$'),
    responsibility   text        CHECK (responsibility IN ('provider', 'customer', 'shared')),
    wording          text        CHECK (length(wording) <= 10000),
    rationale        text        NOT NULL CHECK (length(rationale) BETWEEN 1 AND 4000),
    status           text        NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_by      text        NOT NULL,
    proposed_at      timestamptz NOT NULL,
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text        CHECK (length(decision_reason) <= 4000),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id, version_number) REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id),
    CHECK (responsibility IS NOT NULL OR wording IS NOT NULL),
    CHECK (status = 'proposed' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL AND decision_reason IS NOT NULL))
);
CREATE INDEX deviation_by_org ON deviation (tenant_id, organization_id, service_id, control_id);
CREATE INDEX deviation_by_status ON deviation (tenant_id, service_id, status);

-- A signatory's acceptance of a published version: immutable (append-only).
CREATE TABLE acceptance (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    version_number   integer     NOT NULL,
    content_hash     text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    accepted_by      text        NOT NULL,
    signer_name      text        NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
    signer_title     text        NOT NULL CHECK (length(signer_title) BETWEEN 1 AND 200),
    accepted_at      timestamptz NOT NULL,
    deviations       jsonb       NOT NULL DEFAULT '[]',
    idempotency_key  text        CHECK (length(idempotency_key) <= 200),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, organization_id, idempotency_key),
    FOREIGN KEY (tenant_id, service_id, version_number) REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);
CREATE INDEX acceptance_by_org ON acceptance (tenant_id, organization_id, service_id, version_number);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['access_grant', 'control_review', 'review_thread', 'review_message', 'deviation', 'acceptance'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON access_grant TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON control_review TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON review_thread TO ${appRole};
GRANT SELECT, INSERT ON review_message TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON deviation TO ${appRole};
GRANT SELECT, INSERT ON acceptance TO ${appRole};
REVOKE UPDATE, DELETE, TRUNCATE ON acceptance FROM ${appRole};

CREATE FUNCTION acceptance_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'acceptance records are immutable' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER acceptance_no_update BEFORE UPDATE OR DELETE ON acceptance
    FOR EACH ROW EXECUTE FUNCTION acceptance_immutable();
CREATE TRIGGER acceptance_no_truncate BEFORE TRUNCATE ON acceptance
    FOR EACH STATEMENT EXECUTE FUNCTION acceptance_immutable();
