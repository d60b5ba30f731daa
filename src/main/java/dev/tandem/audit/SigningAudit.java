package dev.tandem.audit;

import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.signing.SigningKeyEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the signing package's key changes in the audit trail, in the transaction that stores the
 * key (the event is synchronous): signing sits below audit and announces them instead of writing.
 */
@ApplicationScoped
class SigningAudit {
  private final AuditLog audit;

  SigningAudit(AuditLog audit) {
    this.audit = audit;
  }

  void on(@Observes SigningKeyEvent e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("kid", e.kid());
    if (e.previousKid() != null) {
      detail.put("retired", e.previousKid());
    }
    audit.record(
        e.actor(),
        e.kind() == SigningKeyEvent.Kind.CREATED
            ? Action.SIGNING_KEY_CREATED
            : Action.SIGNING_KEY_ROTATED,
        Subject.tenant().object(e.kid()),
        detail);
  }
}
