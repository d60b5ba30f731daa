package dev.tandem.publishing;

import dev.tandem.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Who may read which version — the one place that decides it. Provider users read every version of
 * their tenant. Customer users read a service only when their organization holds an access grant
 * for it (and, if the grant requires it, has accepted the tenant's NDA); of such a service they
 * read published versions, and withdrawn versions their organization had accepted. Everything else
 * answers exactly like a missing version. Callers run inside a transaction (grants are tenant
 * data).
 */
@ApplicationScoped
public class VersionAccess {
  private final CurrentUser user;
  private final CustomerAccess customers;

  VersionAccess(CurrentUser user, CustomerAccess customers) {
    this.user = user;
    this.customers = customers;
  }

  public boolean isProvider() {
    return user.isProvider();
  }

  /** The calling customer's organization (empty for providers). */
  public Optional<String> organization() {
    return isProvider() ? Optional.empty() : user.organization();
  }

  /** Whether the caller may see the service at all (customers: open grant). */
  public boolean canSeeService(String serviceId) {
    if (isProvider()) {
      return true;
    }
    return organization().map(org -> customers.serviceOpen(org, serviceId)).orElse(false);
  }

  public boolean canRead(StatementVersion v) {
    return canRead(v.serviceId, v.number, v.status, customers);
  }

  /**
   * The rule itself, with the organization's grants and acceptances from {@code facts}: the
   * database ({@link CustomerAccess} as review implements it) or the read cache's copy of the same
   * answers ({@link ReleasedReads}).
   */
  boolean canRead(String serviceId, int number, VersionStatus status, CustomerAccess facts) {
    if (isProvider()) {
      return true;
    }
    Optional<String> org = organization();
    if (org.isEmpty() || !facts.serviceOpen(org.get(), serviceId)) {
      return false;
    }
    return switch (status) {
      case PUBLISHED -> true;
      case WITHDRAWN -> facts.accepted(org.get(), serviceId, number);
      default -> false;
    };
  }
}
