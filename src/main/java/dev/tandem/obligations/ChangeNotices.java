package dev.tandem.obligations;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.notify.EventType;
import dev.tandem.notify.Notifications;
import dev.tandem.notify.OutboxMails;
import dev.tandem.obligations.AgreedTerms.Agreed;
import dev.tandem.obligations.MaterialChanges.ControlChange;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionPublished;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.Acceptance;
import dev.tandem.review.ReviewNotifier;
import dev.tandem.security.CurrentUser;
import dev.tandem.tenancy.CustomerOrganization;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Material-change notices: when a version is published (observed in the publishing transaction),
 * every organization that had accepted an earlier version gets the changes classified on its own
 * agreed terms ({@link MaterialChanges}), a deadline for re-acceptance when something material
 * changed and the provider set a period, an e-mail listing the material changes (mail outbox) and a
 * {@code change.material} event for its subscribers and webhooks. A later version never pushes an
 * outstanding deadline back. Also the "deadline approaching" reminders.
 */
@ApplicationScoped
public class ChangeNotices {
  private final VersionReader reader;
  private final Terms terms;
  private final AuditLog audit;
  private final OutboxMails mail;
  private final ReviewNotifier addresses;
  private final Notifications notifications;
  private final CurrentUser user;
  private final ObligationsConfig config;

  ChangeNotices(
      VersionReader reader,
      Terms terms,
      AuditLog audit,
      OutboxMails mail,
      ReviewNotifier addresses,
      Notifications notifications,
      CurrentUser user,
      ObligationsConfig config) {
    this.reader = reader;
    this.terms = terms;
    this.audit = audit;
    this.mail = mail;
    this.addresses = addresses;
    this.notifications = notifications;
    this.user = user;
    this.config = config;
  }

  void onPublished(
      @Observes
          @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600)
          VersionPublished e) {
    LoadedVersion next = reader.load(e.serviceId(), e.number());
    List<AgreedTerms.Statement> nextStatements = terms.statements(next);
    Map<String, AgreedTerms.Statement> after = AgreedTerms.byControl(nextStatements);
    ReacceptancePolicy policy = ReacceptancePolicy.findById(e.serviceId());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // The newest earlier acceptance of every organization.
    Map<String, Acceptance> latest = new TreeMap<>();
    for (Acceptance a :
        Acceptance.<Acceptance>list(
            "serviceId = ?1 order by versionNumber, acceptedAt", e.serviceId())) {
      if (a.versionNumber < e.number()) {
        latest.put(a.organizationId, a);
      }
    }
    Map<Integer, LoadedVersion> versions = new LinkedHashMap<>();
    for (Acceptance a : latest.values()) {
      if (Acceptance.exists(a.organizationId, e.serviceId(), e.number())) {
        continue;
      }
      LoadedVersion prev =
          versions.computeIfAbsent(a.versionNumber, n -> reader.load(e.serviceId(), n));
      List<AgreedTerms.Statement> prevStatements = terms.statements(prev);
      Map<String, AgreedTerms.Statement> before = AgreedTerms.byControl(prevStatements);
      List<AgreedTerms.Deviation> deviations = terms.deviations(a);
      Map<String, Agreed> agreedBefore = AgreedTerms.of(prevStatements, deviations);
      Map<String, Agreed> agreedAfter =
          AgreedTerms.of(nextStatements, AgreedTerms.carried(before, after, deviations));
      Set<String> contentChanged = new HashSet<>();
      for (String id : after.keySet()) {
        AgreedTerms.Statement b = before.get(id);
        if (b == null || !b.content().equals(after.get(id).content())) {
          contentChanged.add(id);
        }
      }
      contentChanged.addAll(before.keySet().stream().filter(id -> !after.containsKey(id)).toList());
      List<ControlChange> changes =
          MaterialChanges.classify(agreedBefore, agreedAfter, contentChanged);
      if (changes.isEmpty()) {
        continue;
      }
      issue(e, a, changes, policy, now);
    }
  }

  private void issue(
      VersionPublished e,
      Acceptance a,
      List<ControlChange> changes,
      ReacceptancePolicy policy,
      Instant now) {
    int material = (int) changes.stream().filter(ControlChange::material).count();
    ChangeNotice n = new ChangeNotice();
    n.id = UUID.randomUUID();
    n.organizationId = a.organizationId;
    n.serviceId = e.serviceId();
    n.fromVersion = a.versionNumber;
    n.toVersion = e.number();
    n.publishedAt = now;
    n.material = material;
    n.editorial = changes.size() - material;
    n.changes = changes;
    Instant deadline =
        material > 0 && policy != null ? now.plus(Duration.ofDays(policy.periodDays)) : null;
    for (ChangeNotice open : ChangeNotice.openOf(a.organizationId, e.serviceId())) {
      if (open.deadline != null && (deadline == null || open.deadline.isBefore(deadline))) {
        deadline = open.deadline; // an outstanding deadline is never pushed back
      }
      open.resolvedAt = now;
      open.supersededBy = n.id;
    }
    n.deadline = deadline;
    n.persist();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("fromVersion", n.fromVersion);
    detail.put("material", n.material);
    detail.put("editorial", n.editorial);
    if (deadline != null) {
      detail.put("deadline", deadline.toString());
    }
    audit.record(
        user.username(),
        Action.CHANGE_NOTICE_ISSUED,
        Subject.version(e.serviceId(), e.number()).organization(a.organizationId).object(n.id),
        detail);
    if (material == 0) {
      return;
    }
    String subject =
        "Version "
            + e.number()
            + " of "
            + e.serviceName()
            + ": "
            + material
            + " material change"
            + (material == 1 ? "" : "s")
            + " for your organization";
    String text = text(e, n, changes);
    mail.write(addresses.customerAddress(a.organizationId), subject, text);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("noticeId", n.id.toString());
    data.put("fromVersion", n.fromVersion);
    data.put("version", n.toVersion);
    data.put("material", material);
    data.put("deadline", deadline == null ? null : deadline.toString());
    data.put(
        "controls",
        changes.stream().filter(ControlChange::material).map(ControlChange::controlId).toList());
    notifications.publish(
        new Notifications.Notice(
            EventType.MATERIAL_CHANGE, a.organizationId, e.serviceId(), subject, text, data));
  }

  private String text(VersionPublished e, ChangeNotice n, List<ControlChange> changes) {
    StringBuilder b = new StringBuilder();
    b.append("Version ")
        .append(e.number())
        .append(" of the shared-responsibility statements for ")
        .append(e.serviceName())
        .append(" changes what your organization accepted with version ")
        .append(n.fromVersion)
        .append(" (your approved deviations taken into account):\n\n");
    for (ControlChange c : changes) {
      if (!c.material()) {
        continue;
      }
      b.append("- ").append(c.controlId()).append(" ").append(c.title()).append(": ");
      b.append(String.join(", ", c.reasons().stream().map(ChangeNotices::reason).toList()));
      if (c.fromResponsibility() != null
          && c.toResponsibility() != null
          && !c.fromResponsibility().equals(c.toResponsibility())) {
        b.append(" (").append(c.fromResponsibility()).append(" → ").append(c.toResponsibility());
        b.append(")");
      }
      b.append("\n");
    }
    if (n.editorial > 0) {
      b.append("\nEditorial changes: ").append(n.editorial).append(".\n");
    }
    if (n.deadline != null) {
      b.append("\nPlease review and accept the new version by ")
          .append(n.deadline.truncatedTo(ChronoUnit.DAYS).toString(), 0, 10)
          .append(".\n");
    }
    b.append("\n").append(notifications.link("/obligations/" + e.serviceId()));
    return b.toString();
  }

  static String reason(String key) {
    return switch (key) {
      case MaterialChanges.TOWARD_CUSTOMER -> "responsibility moves toward you";
      case MaterialChanges.APPLICABILITY -> "applicability changed";
      case MaterialChanges.CUSTOMER_TEXT -> "your responsibility text changed";
      default -> key;
    };
  }

  /** The earliest deadline of the current tenant not reminded of yet, or null if none. */
  public Instant nextDeadline() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ChangeNotice.getEntityManager()
                    .createQuery(
                        "select min(n.deadline) from ChangeNotice n where n.resolvedAt is null"
                            + " and n.remindedAt is null and n.deadline is not null",
                        Instant.class)
                    .getSingleResult());
  }

  /**
   * Announces deadlines falling within the warning period to subscribers and webhooks, once per
   * notice (run by the periodic job for each tenant, outside a transaction).
   */
  public int remind(Instant now) {
    Instant horizon = now.plus(config.deadlineWarning());
    List<UUID> due =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ChangeNotice.<ChangeNotice>list(
                            "resolvedAt is null and remindedAt is null and deadline is not null"
                                + " and deadline <= ?1",
                            horizon)
                        .stream()
                        .map(n -> n.id)
                        .toList());
    int sent = 0;
    for (UUID id : due) {
      sent +=
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    ChangeNotice n =
                        ChangeNotice.findById(
                            id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                    if (n == null || n.remindedAt != null || n.resolvedAt != null) {
                      return 0;
                    }
                    n.remindedAt = now;
                    CustomerOrganization org = CustomerOrganization.findById(n.organizationId);
                    String day = n.deadline.toString().substring(0, 10);
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("noticeId", n.id.toString());
                    data.put("version", n.toVersion);
                    data.put("deadline", n.deadline.toString());
                    data.put("overdue", n.deadline.isBefore(now));
                    notifications.publish(
                        new Notifications.Notice(
                            EventType.DEADLINE_APPROACHING,
                            n.organizationId,
                            n.serviceId,
                            "Re-acceptance of "
                                + n.serviceId
                                + " version "
                                + n.toVersion
                                + " due "
                                + day,
                            (org == null ? n.organizationId : org.name)
                                + " has until "
                                + day
                                + " to review and accept version "
                                + n.toVersion
                                + " of "
                                + n.serviceId
                                + ".\n\n"
                                + notifications.link("/obligations/" + n.serviceId),
                            data));
                    return 1;
                  });
    }
    return sent;
  }
}
