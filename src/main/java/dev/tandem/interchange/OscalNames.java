package dev.tandem.interchange;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stable names (version 5 UUIDs, {@link OscalIds}) of everything in one export. Kept apart from
 * the writers because every OSCAL document refers to the same parties, component and resources: a
 * leveraging plan's {@code inherited-uuid} points at the same component in every version.
 */
final class OscalNames {
  private final MatrixExport e;

  OscalNames(MatrixExport e) {
    this.e = e;
  }

  /** A UUID of this document: per version, or per acceptance for an acceptance's export. */
  UUID uuid(Object... parts) {
    List<Object> all = new ArrayList<>();
    all.add(e.tenantId());
    all.add(e.serviceId());
    all.add("v" + e.version());
    if (e.acceptance() != null) {
      all.add("acceptance");
      all.add(e.acceptance().id());
    }
    all.addAll(List.of(parts));
    return OscalIds.uuid(all.toArray());
  }

  /** The service as a component: the same in every version and acceptance. */
  UUID component() {
    return OscalIds.uuid(e.tenantId(), e.serviceId(), "component");
  }

  UUID provider() {
    return OscalIds.uuid(e.tenantId(), "party");
  }

  /** The customer organization of an acceptance, or the customers of the service. */
  UUID customer() {
    return e.acceptance() == null
        ? OscalIds.uuid(e.tenantId(), e.serviceId(), "customers")
        : OscalIds.uuid(e.tenantId(), "organization", e.acceptance().organizationId());
  }

  UUID catalogResource() {
    return OscalIds.uuid(e.tenantId(), "catalog", e.catalog().id());
  }

  UUID exportResource() {
    return OscalIds.uuid(e.tenantId(), e.serviceId(), "v" + e.version(), "export");
  }
}
