-- Tenant branding: the logo from tenants/<id>/ (branding.logo), checked by the tenant loader and
-- stored with the registry row, so every replica serves the same bytes as the definition it reads
-- (the colours are part of the definition). Platform data like the rest of the tenant row.
ALTER TABLE tenant
    ADD COLUMN logo            bytea CHECK (octet_length(logo) BETWEEN 1 AND 65536),
    ADD COLUMN logo_media_type text  CHECK (logo_media_type IN ('image/svg+xml', 'image/png')),
    ADD CONSTRAINT tenant_logo_complete CHECK ((logo IS NULL) = (logo_media_type IS NULL));
