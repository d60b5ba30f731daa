package dev.tandem.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.publishing.VersionPublished;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRecord;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

/**
 * Notification e-mails. Every e-mail goes to exactly one party — one customer organization's
 * address or the provider's contact address (tenant.yaml) — and a customer's e-mail only ever
 * mentions that customer's own objects, so no e-mail reveals another customer.
 *
 * <p>Messages are composed inside the operation's transaction (they read its data) but leave only
 * after it committed: an operation that rolls back sends nothing, so no e-mail ever announces a
 * question, decision or acceptance that does not exist. A failing mail server never fails the
 * operation, which is already committed by then (logged instead).
 */
@ApplicationScoped
public class ReviewNotifier {
  private static final Logger LOG = Logger.getLogger(ReviewNotifier.class);

  /** One composed e-mail waiting for its transaction to commit. */
  record OutgoingMail(String to, String subject, String text) {}

  private final Mailer mailer;
  private final ReviewConfig config;
  private final TenantContext tenant;
  private final ObjectMapper json;
  private final Event<OutgoingMail> outbox;

  ReviewNotifier(
      Mailer mailer,
      ReviewConfig config,
      TenantContext tenant,
      ObjectMapper json,
      Event<OutgoingMail> outbox) {
    this.mailer = mailer;
    this.config = config;
    this.tenant = tenant;
    this.json = json;
    this.outbox = outbox;
  }

  /** The configured address of one customer organization. */
  public String customerAddress(String organizationId) {
    return config
        .mail()
        .customerAddress()
        .replace("{organization}", organizationId)
        .replace("{tenant}", tenant.requireTenantId());
  }

  /** The provider's contact address from its tenant definition. */
  public String providerAddress() {
    TenantRecord r = TenantRecord.findById(tenant.requireTenantId());
    try {
      JsonNode d = json.readTree(r.definition);
      String email = d.path("contact").path("email").asText(null);
      return email != null ? email : "security@" + r.id + ".example";
    } catch (Exception e) {
      return "security@" + r.id + ".example";
    }
  }

  private String link(String path) {
    return config.mail().baseUrl() + "/t/" + tenant.requireTenantId() + path;
  }

  void versionPublished(@Observes VersionPublished event) {
    for (AccessGrant g : AccessGrant.ofService(event.serviceId())) {
      send(
          customerAddress(g.organizationId),
          "New version " + event.number() + " of " + event.serviceName(),
          "Version "
              + event.number()
              + " of the shared-responsibility statements for "
              + event.serviceName()
              + " has been published.\n\nReview what changed: "
              + link("/review/" + event.serviceId()));
    }
  }

  void newQuestion(ReviewThread t, String body) {
    CustomerOrganization org = CustomerOrganization.findById(t.organizationId);
    send(
        providerAddress(),
        "New question on " + t.serviceId + " control " + t.controlId,
        (org == null ? t.organizationId : org.name)
            + " asked about control "
            + t.controlId
            + " (version "
            + t.versionNumber
            + "):\n\n"
            + body
            + "\n\n"
            + link("/inbox"));
  }

  void reply(ReviewThread t) {
    send(
        customerAddress(t.organizationId),
        "Reply to your question on control " + t.controlId,
        "The provider replied to your question on control "
            + t.controlId
            + " of "
            + t.serviceId
            + " (version "
            + t.versionNumber
            + ").\n\n"
            + link("/review/threads/" + t.id));
  }

  void deviationDecided(Deviation d) {
    send(
        customerAddress(d.organizationId),
        "Your deviation for control " + d.controlId + " was " + d.status,
        "Your proposed deviation for control "
            + d.controlId
            + " of "
            + d.serviceId
            + " was "
            + d.status
            + ".\n\nReason: "
            + d.decisionReason);
  }

  void accepted(Acceptance a) {
    CustomerOrganization org = CustomerOrganization.findById(a.organizationId);
    send(
        providerAddress(),
        (org == null ? a.organizationId : org.name)
            + " accepted "
            + a.serviceId
            + " version "
            + a.versionNumber,
        "Accepted by "
            + a.signerName
            + " ("
            + a.signerTitle
            + ") at "
            + a.acceptedAt
            + ".\nContent hash: "
            + a.contentHash
            + "\n\n"
            + link("/inbox/services/" + a.serviceId));
  }

  private void send(String to, String subject, String text) {
    outbox.fire(new OutgoingMail(to, subject, text));
  }

  /** Delivers a composed e-mail once its transaction committed (at once outside one). */
  void deliver(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutgoingMail m) {
    try {
      mailer.send(
          Mail.withText(m.to(), "[Tandem] " + m.subject(), m.text()).setFrom(config.mail().from()));
    } catch (RuntimeException e) {
      LOG.warnf("Could not send notification '%s': %s", m.subject(), e.getMessage());
    }
  }
}
