package dev.tandem.audit;

import dev.tandem.audit.AuditViews.AuditPage;
import dev.tandem.audit.AuditViews.AuditQuery;
import dev.tandem.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/**
 * Who reads which audit entries — the one rule, for the API and the page: the provider's
 * administrators and auditors read the whole trail of their tenant (the roles are checked by the
 * resources); a customer user reads only the entries of its own organization, whatever filter it
 * sends.
 */
@ApplicationScoped
public class AuditReader {
  private final AuditLog audit;
  private final CurrentUser user;

  AuditReader(AuditLog audit, CurrentUser user) {
    this.audit = audit;
    this.user = user;
  }

  public AuditPage read(AuditQuery f) {
    if (user.isProvider()) {
      return audit.query(f);
    }
    String org = user.organization().orElseThrow(NotFoundException::new);
    return audit.query(
        new AuditQuery(
            f.service(), f.action(), f.actor(), f.version(), org, f.before(), f.limit()));
  }
}
