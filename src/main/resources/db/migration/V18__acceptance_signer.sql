-- The authenticated identity that signed an acceptance, beside the name and title the signatory
-- typed: the token's subject (Keycloak user id) and e-mail address. Older records have none.
ALTER TABLE acceptance ADD COLUMN signer_user_id text;
ALTER TABLE acceptance ADD COLUMN signer_email text;
