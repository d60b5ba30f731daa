-- Tenancy foundation. Migrations run as the schema owner; the application connects as ${appRole},
-- which owns nothing and lacks BYPASSRLS. Every tenant-owned table:
--   * carries tenant_id, leading its primary key, unique keys and indexes;
--   * references other tenant-owned rows through foreign keys that include tenant_id, so a row
--     can never point into another tenant;
--   * has row-level security ENABLED and FORCED, with a policy reading the transaction-local
--     setting app.tenant (set with SET LOCAL by dev.tandem.tenancy.RowLevelSecurityBinder).
--     With no tenant set, current_setting returns NULL or '' and no row matches.

-- The tenant registry is platform data: not tenant-owned, readable by the application so that a
-- request can be checked against it before anything else happens.
CREATE TABLE tenant (
    id              text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,30}$'),
    display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    status          text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    listed          boolean     NOT NULL DEFAULT false,
    definition      jsonb       NOT NULL,
    definition_hash text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON tenant TO ${appRole};

-- The cloud services a tenant offers (from tenants/<id>/tenant.yaml).
CREATE TABLE cloud_service (
    tenant_id   text        NOT NULL REFERENCES tenant (id),
    id          text        NOT NULL CHECK (id ~ '^[a-z][a-z0-9-]{1,40}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    catalog_id  text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Customer organizations of a tenant; id = the Keycloak organization alias in the tenant's realm.
CREATE TABLE customer_organization (
    tenant_id  text        NOT NULL REFERENCES tenant (id),
    id         text        NOT NULL CHECK (id ~ '^[a-z][a-z0-9-]{1,40}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cloud_service', 'customer_organization'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = (SELECT current_setting(''app.tenant'', true))) WITH CHECK (tenant_id = (SELECT current_setting(''app.tenant'', true)))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${appRole}', t);
    END LOOP;
END $$;
