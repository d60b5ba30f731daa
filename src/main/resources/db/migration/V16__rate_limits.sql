-- Rate limits (dev.tandem.limits): token buckets shared by every replica. Bucket4j keeps one row
-- per bucket and updates it under SELECT … FOR UPDATE. The key is built by the server and starts
-- with the tenant id ("<tenant>|<cost>|<scope>|<subject>|<rate>"); the rows hold counters only,
-- never content, and are never shown to anyone, so the table is operational state of the platform
-- without row-level security (the bucket's connection runs outside any tenant's transaction).
-- expires_at (epoch milliseconds): when the bucket is full again; such rows are deleted.
CREATE TABLE rate_limit_bucket (
    id         text   PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 600),
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expiry ON rate_limit_bucket (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO ${appRole};
REVOKE TRUNCATE ON rate_limit_bucket FROM ${appRole};
