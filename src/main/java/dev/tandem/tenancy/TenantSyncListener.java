package dev.tandem.tenancy;

import java.util.Map;

/**
 * Told about every tenant a sync created or changed, inside the transaction that wrote its registry
 * row and with the tenant set (as in its requests). The platform layer implements it to leave the
 * audit entry; tenancy itself knows nothing of the audit trail.
 */
public interface TenantSyncListener {
  enum Change {
    CREATED,
    UPDATED
  }

  void tenantSynced(String actor, String tenantId, Change change, Map<String, Object> detail);
}
