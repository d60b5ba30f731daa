package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database half of a tenant sync: writes one checked tenant — registry row, services, customer
 * organizations — and tells the listeners (the audit trail). The caller runs it in a transaction
 * with the tenant set ({@link TenantProvisioner}); apart from it because it never decides whether a
 * file is valid, it only applies one that is.
 */
@ApplicationScoped
class TenantWriter {
  private final ObjectMapper json;
  private final Instance<TenantSyncListener> listeners;

  TenantWriter(ObjectMapper json, Instance<TenantSyncListener> listeners) {
    this.json = json;
    this.listeners = listeners;
  }

  enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * Writes one tenant — registry row, services, customer organizations — in one transaction with
   * the tenant set, and tells the listeners (the audit trail) in the same transaction.
   */
  Change apply(String actor, TenantDefinitionLoader.LoadedTenant tenant, boolean realmCreated) {
    TenantDefinition d = tenant.definition();
    String definition;
    try {
      definition = json.writeValueAsString(d);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TenantLogo logo = tenant.logo();
    // The logo is part of what the registry holds: a changed logo file is a changed tenant.
    String hash = Sha256.hex(definition + "\nlogo:" + (logo == null ? "" : logo.sha256()));
    TenantRecord record = TenantRecord.findById(d.id());
    if (record != null && hash.equals(record.definitionHash)) {
      upsertDirectory(d);
      return Change.UNCHANGED;
    }
    boolean isNew = record == null;
    if (isNew) {
      record = new TenantRecord();
      record.id = d.id();
      record.status = TenantRecord.Status.ACTIVE;
    }
    record.displayName = d.displayName();
    record.listed = d.isPublic();
    record.definition = definition;
    record.definitionHash = hash;
    record.logo = logo == null ? null : logo.content();
    record.logoMediaType = logo == null ? null : logo.type().mediaType();
    record.updatedAt = OffsetDateTime.now();
    record.persist();
    // The registry row first: the directory's rows and the audit entry refer to it.
    TenantRecord.flush();
    upsertDirectory(d);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("change", isNew ? "created" : "updated");
    detail.put("realm", d.identity().realm());
    detail.put("realmCreated", realmCreated);
    detail.put("definitionHash", hash);
    TenantSyncListener.Change change =
        isNew ? TenantSyncListener.Change.CREATED : TenantSyncListener.Change.UPDATED;
    listeners.forEach(l -> l.tenantSynced(actor, d.id(), change, detail));
    return isNew ? Change.CREATED : Change.UPDATED;
  }

  private void upsertDirectory(TenantDefinition d) {
    for (TenantDefinition.Service s : d.services()) {
      CloudService service = CloudService.findById(s.id());
      if (service == null) {
        service = new CloudService();
        service.id = s.id();
      }
      service.name = s.name();
      service.catalogId = s.catalog();
      service.description = s.description();
      service.persist();
    }
    for (TenantDefinition.Customer c : d.customers()) {
      CustomerOrganization org = CustomerOrganization.findById(c.id());
      if (org == null) {
        org = new CustomerOrganization();
        org.id = c.id();
      }
      org.name = c.name();
      org.persist();
    }
  }
}
