-- People by their names: each record keeps the display name its person had when acting (the token's
-- name claim, else given and family name, else e-mail, else user name), beside the user name it
-- already keeps. A name shown later is the name then, never rewritten by a later profile change.
-- Existing rows get their user name, the only name known for them.
ALTER TABLE review_thread
    ADD COLUMN created_by_name  text CHECK (length(created_by_name) BETWEEN 1 AND 200),
    ADD COLUMN resolved_by_name text CHECK (length(resolved_by_name) BETWEEN 1 AND 200);
ALTER TABLE review_message
    ADD COLUMN author_name      text CHECK (length(author_name) BETWEEN 1 AND 200);
ALTER TABLE deviation
    ADD COLUMN proposed_by_name text CHECK (length(proposed_by_name) BETWEEN 1 AND 200),
    ADD COLUMN decided_by_name  text CHECK (length(decided_by_name) BETWEEN 1 AND 200);
ALTER TABLE acceptance
    ADD COLUMN accepted_by_name text CHECK (length(accepted_by_name) BETWEEN 1 AND 200);
-- The audit trail's entries are hash-chained: an entry's actor name is part of its hash when it has
-- one (dev.tandem.signing.AuditChain), so older entries keep none rather than have their hashes
-- broken by a backfill; pages show their user name.
ALTER TABLE audit_event
    ADD COLUMN actor_name       text CHECK (length(actor_name) BETWEEN 1 AND 200);

-- Row-level security is forced on the owner too, and acceptances refuse every update (trigger):
-- both lifted for the backfill, inside the migration's transaction, and restored before it commits.
ALTER TABLE review_thread NO FORCE ROW LEVEL SECURITY;
ALTER TABLE review_message NO FORCE ROW LEVEL SECURITY;
ALTER TABLE deviation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE acceptance NO FORCE ROW LEVEL SECURITY;
ALTER TABLE acceptance DISABLE TRIGGER acceptance_no_update;

UPDATE review_thread SET created_by_name = left(created_by, 200),
                         resolved_by_name = left(resolved_by, 200);
UPDATE review_message SET author_name = left(author, 200);
UPDATE deviation SET proposed_by_name = left(proposed_by, 200),
                     decided_by_name = left(decided_by, 200);
UPDATE acceptance SET accepted_by_name = left(accepted_by, 200);

ALTER TABLE acceptance ENABLE TRIGGER acceptance_no_update;
ALTER TABLE review_thread FORCE ROW LEVEL SECURITY;
ALTER TABLE review_message FORCE ROW LEVEL SECURITY;
ALTER TABLE deviation FORCE ROW LEVEL SECURITY;
ALTER TABLE acceptance FORCE ROW LEVEL SECURITY;

ALTER TABLE review_thread ALTER COLUMN created_by_name SET NOT NULL;
ALTER TABLE review_message ALTER COLUMN author_name SET NOT NULL;
ALTER TABLE deviation ALTER COLUMN proposed_by_name SET NOT NULL;
ALTER TABLE acceptance ALTER COLUMN accepted_by_name SET NOT NULL;
-- A decision or resolution names its person whenever it names a user.
ALTER TABLE review_thread ADD CHECK ((resolved_by IS NULL) = (resolved_by_name IS NULL));
ALTER TABLE deviation ADD CHECK ((decided_by IS NULL) = (decided_by_name IS NULL));
