-- The customer's side of shared responsibility (docs/obligations.md): obligations created by an
-- acceptance, material-change notices with re-acceptance deadlines, subscriptions and signed
-- webhooks delivered from an outbox. Same tenancy rules as V1: tenant_id leads every key and index,
-- foreign keys include it, row-level security ENABLED and FORCED on every table.

-- One obligation of a customer organization: a control whose agreed responsibility (after approved
-- deviations) is customer or shared. At most one open (not closed) obligation per control; closed
-- ones stay as history.
CREATE TABLE obligation (
    tenant_id         text        NOT NULL REFERENCES tenant (id),
    id                uuid        NOT NULL,
    organization_id   text        NOT NULL,
    service_id        text        NOT NULL,
    control_id        text        NOT NULL CHECK (control_id ~ '^[A-Za-z0-9.]{1,40}$'),
    control_title     text        NOT NULL CHECK (length(control_title) <= 500),
    clause            text        NOT NULL CHECK (length(clause) <= 40),
    -- The version and acceptance whose terms the obligation follows now.
    version_number    integer     NOT NULL,
    acceptance_id     uuid        NOT NULL,
    responsibility    text        NOT NULL CHECK (responsibility IN ('customer', 'shared')),
    customer_text     text        CHECK (length(customer_text) <= 20000),
    deviation_id      uuid,
    owner             text        CHECK (length(owner) <= 200),
    status            text        NOT NULL CHECK (status IN ('open', 'in_progress', 'implemented', 'risk_accepted')),
    status_reason     text        CHECK (length(status_reason) <= 4000),
    statement         text        CHECK (length(statement) <= 20000),
    evidence          jsonb       NOT NULL DEFAULT '[]',
    due_date          date,
    last_reviewed_at  timestamptz,
    last_reviewed_by  text,
    -- Flagged for re-check by a re-acceptance that changed its terms; the change as JSON.
    recheck           boolean     NOT NULL DEFAULT false,
    change            jsonb,
    closed_at         timestamptz,
    closed_note       text        CHECK (length(closed_note) <= 1000),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    updated_by        text        NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id, version_number) REFERENCES statement_version (tenant_id, service_id, number),
    FOREIGN KEY (tenant_id, acceptance_id) REFERENCES acceptance (tenant_id, id),
    CHECK (status <> 'risk_accepted' OR status_reason IS NOT NULL)
);
CREATE UNIQUE INDEX obligation_one_open ON obligation (tenant_id, organization_id, service_id, control_id)
    WHERE closed_at IS NULL;
CREATE INDEX obligation_by_org ON obligation (tenant_id, organization_id, service_id, closed_at);

-- Whether an organization shares the status (only) of its obligations on a service with the provider.
CREATE TABLE obligation_sharing (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    shared           boolean     NOT NULL,
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, service_id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id)
);

-- Users of a customer organization seen by Tandem (from their tokens): who can own an obligation.
CREATE TABLE organization_member (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    organization_id  text        NOT NULL,
    username         text        NOT NULL CHECK (length(username) BETWEEN 1 AND 200),
    display_name     text        NOT NULL CHECK (length(display_name) <= 200),
    email            text        CHECK (length(email) <= 320),
    last_seen_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, username),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);

-- The provider's re-acceptance period per service (days after a material change).
CREATE TABLE reacceptance_policy (
    tenant_id    text        NOT NULL REFERENCES tenant (id),
    service_id   text        NOT NULL,
    period_days  integer     NOT NULL CHECK (period_days BETWEEN 1 AND 3650),
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, service_id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id)
);

-- What a publication changed for one organization that had accepted an earlier version.
CREATE TABLE change_notice (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    organization_id  text        NOT NULL,
    service_id       text        NOT NULL,
    from_version     integer     NOT NULL,
    to_version       integer     NOT NULL,
    published_at     timestamptz NOT NULL,
    material         integer     NOT NULL CHECK (material >= 0),
    editorial        integer     NOT NULL CHECK (editorial >= 0),
    changes          jsonb       NOT NULL,
    deadline         timestamptz,
    reminded_at      timestamptz,
    -- Set when the organization accepts to_version or later, or a later notice replaces this one.
    resolved_at      timestamptz,
    superseded_by    uuid,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id, to_version) REFERENCES statement_version (tenant_id, service_id, number)
);
CREATE INDEX change_notice_by_org ON change_notice (tenant_id, organization_id, service_id, to_version);
CREATE INDEX change_notice_open ON change_notice (tenant_id, service_id, deadline) WHERE resolved_at IS NULL;

-- A user's choice of e-mail events for one service.
CREATE TABLE subscription (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    username         text        NOT NULL CHECK (length(username) BETWEEN 1 AND 200),
    service_id       text        NOT NULL,
    organization_id  text        NOT NULL,
    email            text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    events           jsonb       NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, username, service_id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id),
    FOREIGN KEY (tenant_id, service_id) REFERENCES cloud_service (tenant_id, id)
);
CREATE INDEX subscription_by_service ON subscription (tenant_id, service_id);

-- An organization's webhook endpoint. The secret signs every payload (Standard Webhooks).
CREATE TABLE webhook (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    organization_id  text        NOT NULL,
    url              text        NOT NULL CHECK (url ~ '^https://' AND length(url) <= 2000),
    secret           text        NOT NULL CHECK (secret ~ '^whsec_'),
    events           jsonb       NOT NULL,
    active           boolean     NOT NULL DEFAULT true,
    -- Removed webhooks stay (their delivery log refers to them) but are never used or shown again.
    deleted_at       timestamptz,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES customer_organization (tenant_id, id)
);
CREATE INDEX webhook_by_org ON webhook (tenant_id, organization_id);

-- The webhook outbox: one row per event and webhook, written in the transaction of the event and
-- delivered afterwards (claimed with FOR UPDATE SKIP LOCKED); webhook-id stays the same on retries.
CREATE TABLE webhook_delivery (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    id               uuid        NOT NULL,
    webhook_id       uuid        NOT NULL,
    organization_id  text        NOT NULL,
    event_type       text        NOT NULL CHECK (length(event_type) <= 100),
    message_id       text        NOT NULL CHECK (length(message_id) <= 100),
    payload          text        NOT NULL,
    created_at       timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz,
    delivered_at     timestamptz,
    last_status      integer,
    last_error       text        CHECK (length(last_error) <= 500),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhook (tenant_id, id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (tenant_id, next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_delivery_by_hook ON webhook_delivery (tenant_id, webhook_id, created_at);

-- Every delivery attempt: the delivery log (only a short excerpt of the response is kept).
CREATE TABLE webhook_attempt (
    tenant_id        text        NOT NULL REFERENCES tenant (id),
    delivery_id      uuid        NOT NULL,
    attempt          integer     NOT NULL,
    attempted_at     timestamptz NOT NULL,
    status           integer,
    error            text        CHECK (length(error) <= 500),
    response_excerpt text        CHECK (length(response_excerpt) <= 300),
    duration_ms      integer     NOT NULL,
    PRIMARY KEY (tenant_id, delivery_id, attempt),
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_delivery (tenant_id, id)
);

-- Review activity already announced (provider replies, deviation decisions): each exactly once.
CREATE TABLE notify_seen (
    tenant_id  text        NOT NULL REFERENCES tenant (id),
    source     text        NOT NULL CHECK (source IN ('reply', 'deviation')),
    object_id  uuid        NOT NULL,
    seen_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, source, object_id)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['obligation', 'obligation_sharing', 'organization_member', 'reacceptance_policy',
                             'change_notice', 'subscription', 'webhook', 'webhook_delivery', 'webhook_attempt',
                             'notify_seen'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON obligation, obligation_sharing, organization_member,
    change_notice, webhook, webhook_delivery TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON subscription, reacceptance_policy TO ${appRole};
GRANT SELECT, INSERT ON webhook_attempt, notify_seen TO ${appRole};
