package dev.tandem.platform;

import dev.tandem.audit.AuditLog;
import dev.tandem.tenancy.TenantSyncListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Platform actions in the tenant's own audit trail: a sync that created or changed the tenant, in
 * the transaction of the change (the provisioner calls this with the tenant set); suspensions and
 * resumptions are written by {@link PlatformTenantResource} the same way.
 */
@ApplicationScoped
public class TenantAuditTrail implements TenantSyncListener {
  private final AuditLog audit;

  TenantAuditTrail(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void tenantSynced(
      String actor, String tenantId, Change change, Map<String, Object> detail) {
    audit.record(actor, AuditLog.Action.TENANT_SYNCED, AuditLog.Subject.tenant(), detail);
  }

  void statusChanged(String actor, AuditLog.Action action, Map<String, Object> detail) {
    audit.record(actor, action, AuditLog.Subject.tenant(), detail);
  }
}
