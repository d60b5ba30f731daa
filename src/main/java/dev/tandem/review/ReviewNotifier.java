package dev.tandem.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.publishing.VersionPublished;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Notification e-mails. Every e-mail goes to exactly one party — one customer organization's
 * address or the provider's contact address (tenant.yaml) — and a customer's e-mail only ever
 * mentions that customer's own objects, so no e-mail reveals another customer.
 *
 * <p>Messages are composed inside the operation's transaction (they read its data) and written into
 * the {@link MailOutbox} in that same transaction: an operation that rolls back sends nothing, so
 * no e-mail ever announces a question, decision or acceptance that does not exist, and a committed
 * one is delivered even if the mail server is down or the process dies right after the commit
 * (retried; at least once). A failing mail server never fails the operation.
 */
@ApplicationScoped
public class ReviewNotifier {
  private final ReviewConfig config;
  private final TenantContext tenant;
  private final ObjectMapper json;
  private final MailOutbox outbox;

  ReviewNotifier(ReviewConfig config, TenantContext tenant, ObjectMapper json, MailOutbox outbox) {
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
        t.createdByName
            + " of "
            + (org == null ? t.organizationId : org.name)
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
            + (d.decidedByName == null ? "" : " by " + d.decidedByName)
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
            + "), signed in as "
            + a.acceptedByName
            + ", at "
            + a.acceptedAt
            + ".\nContent hash: "
            + a.contentHash
            + "\n\n"
            + link("/inbox/services/" + a.serviceId));
  }

  /** Writes the e-mail into the outbox, in the operation's transaction. */
  private void send(String to, String subject, String text) {
    outbox.enqueue(to, "[Tandem] " + subject, text);
  }
}
