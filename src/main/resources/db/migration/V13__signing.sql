-- Signatures anyone can verify offline (docs/signing.md): the platform CA, per-tenant signing keys,
-- the hash chain of the audit trail and its signed checkpoints.
-- Private keys are stored only encrypted (AES-256-GCM under the master key from the environment,
-- bound to their owner as additional data); the database never sees them in clear.

-- The platform CA that issues every tenant's certificate: one row, written once.
CREATE TABLE signing_ca (
    id          text        PRIMARY KEY CHECK (id = 'platform'),
    created_at  timestamptz NOT NULL,
    certificate bytea       NOT NULL,
    private_key bytea       NOT NULL
);
GRANT SELECT, INSERT ON signing_ca TO ${appRole};
REVOKE UPDATE, DELETE, TRUNCATE ON signing_ca FROM ${appRole};

-- A tenant's signing keys (ECDSA P-256): the one without retired_at signs; retired ones stay, so
-- that everything they signed still verifies against the published key set.
CREATE TABLE signing_key (
    tenant_id   text        NOT NULL REFERENCES tenant (id),
    kid         text        NOT NULL CHECK (kid ~ '^[A-Za-z0-9_-]{20,100}$'),
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz CHECK (retired_at >= created_at),
    certificate bytea       NOT NULL,
    private_key bytea       NOT NULL,
    PRIMARY KEY (tenant_id, kid)
);
CREATE UNIQUE INDEX signing_key_in_use ON signing_key (tenant_id) WHERE retired_at IS NULL;

-- The audit chain (dev.tandem.signing.AuditChain): each entry's hash and the hash of the tenant's
-- previous entry. Null for entries written before the chain existed: the first chained entry's
-- previous_hash covers them (they are hashed the same way when it is written).
ALTER TABLE audit_event
    ADD COLUMN previous_hash text CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN entry_hash    text CHECK (entry_hash ~ '^[0-9a-f]{64}$');
-- The hash of the tenant's last entry, next to its number; updated under the same row lock.
ALTER TABLE audit_head ADD COLUMN head_hash text CHECK (head_hash ~ '^[0-9a-f]{64}$');

-- Signed checkpoints of the chain's head: entry number, its hash, the JWS (flattened JSON, with an
-- RFC 3161 time-stamp token when a time-stamping authority is configured). Append-only.
CREATE TABLE audit_checkpoint (
    tenant_id  text        NOT NULL REFERENCES tenant (id),
    number     bigint      NOT NULL CHECK (number > 0),
    entry_hash text        NOT NULL CHECK (entry_hash ~ '^[0-9a-f]{64}$'),
    signed_at  timestamptz NOT NULL,
    kid        text        NOT NULL,
    jws        text        NOT NULL CHECK (length(jws) < 65536),
    PRIMARY KEY (tenant_id, number),
    FOREIGN KEY (tenant_id, number) REFERENCES audit_event (tenant_id, number),
    FOREIGN KEY (tenant_id, kid) REFERENCES signing_key (tenant_id, kid)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['signing_key', 'audit_checkpoint'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
    END LOOP;
END $$;

-- A key is never deleted and only ever retired, once.
GRANT SELECT, INSERT ON signing_key TO ${appRole};
GRANT UPDATE (retired_at) ON signing_key TO ${appRole};
REVOKE DELETE, TRUNCATE ON signing_key FROM ${appRole};
CREATE FUNCTION signing_key_retire_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
       OR NEW.tenant_id <> OLD.tenant_id OR NEW.kid <> OLD.kid OR NEW.created_at <> OLD.created_at
       OR NEW.certificate <> OLD.certificate OR NEW.private_key <> OLD.private_key THEN
        RAISE EXCEPTION 'a signing key can only be retired, once' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER signing_key_retire_only BEFORE UPDATE OR DELETE ON signing_key
    FOR EACH ROW EXECUTE FUNCTION signing_key_retire_only();

GRANT SELECT, INSERT ON audit_checkpoint TO ${appRole};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoint FROM ${appRole};
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoint is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();
