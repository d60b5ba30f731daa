-- The audit trail records every state change of every feature (docs/architecture.md, "Audit").
-- Entries get a number per tenant (1, 2, 3 … for each tenant), so that the numbers a tenant sees say
-- nothing about how much other tenants do; the global identity column stays the internal key.
-- organization_id names the customer organization an entry concerns (its own users' actions and the
-- provider's decisions about it): a customer reads exactly those entries. object_id names the thread,
-- deviation, acceptance or grant an entry is about.
ALTER TABLE audit_event
    ADD COLUMN number          bigint,
    ADD COLUMN organization_id text CHECK (length(organization_id) <= 200),
    ADD COLUMN object_id       text CHECK (length(object_id) <= 200);

-- Number the existing entries. The trail is append-only even for its owner (trigger) and row-level
-- security is forced on the owner too: lifted for this one statement, inside the migration's
-- transaction, and restored before it commits.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY;
UPDATE audit_event a SET number = r.n
  FROM (SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) AS n
          FROM audit_event) r
 WHERE a.tenant_id = r.tenant_id AND a.id = r.id;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;

ALTER TABLE audit_event ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX audit_event_number ON audit_event (tenant_id, number);
CREATE INDEX audit_event_by_organization ON audit_event (tenant_id, organization_id, number);

-- The last number given per tenant. Taking the next number locks the tenant's row until the
-- transaction ends, so entries of one tenant are numbered in commit order without gaps.
CREATE TABLE audit_head (
    tenant_id   text   NOT NULL REFERENCES tenant (id) PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number >= 0)
);
INSERT INTO audit_head (tenant_id, last_number)
SELECT tenant_id, max(number) FROM audit_event GROUP BY tenant_id;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;

ALTER TABLE audit_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_head FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_head
    USING (tenant_id = (SELECT current_setting('app.tenant', true)))
    WITH CHECK (tenant_id = (SELECT current_setting('app.tenant', true)));
GRANT SELECT, INSERT, UPDATE ON audit_head TO ${appRole};
