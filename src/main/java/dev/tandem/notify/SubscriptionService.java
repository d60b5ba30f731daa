package dev.tandem.notify;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.notify.NotifyViews.SubscriptionView;
import dev.tandem.review.AccessGrant;
import dev.tandem.tenancy.CloudService;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Problem;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each customer user's e-mail events per service (only services its organization may see). */
@ApplicationScoped
public class SubscriptionService {
  private final Caller caller;
  private final AuditLog audit;

  SubscriptionService(Caller caller, AuditLog audit) {
    this.caller = caller;
    this.audit = audit;
  }

  /** One entry per service the organization may see, subscribed or not. */
  @Transactional
  public Slice<SubscriptionView> mine(PageRequest page) {
    // One per service the organization may see: bounded by the tenant's services.
    return Slice.inMemory(mine(), page, SubscriptionView::serviceId);
  }

  @Transactional
  public List<SubscriptionView> mine() {
    String org = caller.organization();
    List<SubscriptionView> result = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofOrganization(org)) {
      if (!g.open()) {
        continue;
      }
      CloudService s = CloudService.findById(g.serviceId);
      Subscription sub =
          Subscription.findById(new Subscription.Key(org, caller.username(), g.serviceId));
      result.add(
          new SubscriptionView(
              g.serviceId,
              s == null ? g.serviceId : s.name,
              sub == null ? caller.email().orElse(null) : sub.email,
              sub == null ? List.of() : sub.events));
    }
    return result;
  }

  /** Sets the caller's events for a service; an empty list unsubscribes. */
  @Transactional
  public SubscriptionView set(String serviceId, List<String> events) {
    String org = caller.organizationOnService(serviceId);
    Set<String> chosen = new LinkedHashSet<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String e : events) {
      if (EventType.of(e).isEmpty()) {
        errors.add(new Problem.FieldError("events", "unknown event: " + shorten(e)));
      } else {
        chosen.add(e);
      }
    }
    String email = caller.email().orElse(null);
    if (!chosen.isEmpty() && email == null) {
      errors.add(new Problem.FieldError("events", "your account has no e-mail address"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Subscription.Key key = new Subscription.Key(org, caller.username(), serviceId);
    Subscription sub = Subscription.findById(key);
    if (chosen.isEmpty()) {
      if (sub != null) {
        sub.delete();
      }
    } else {
      if (sub == null) {
        sub = new Subscription();
        sub.organizationId = org;
        sub.username = caller.username();
        sub.serviceId = serviceId;
      }
      sub.email = email;
      sub.events = List.copyOf(chosen);
      sub.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      sub.persist();
    }
    audit.record(
        caller.username(),
        Action.SUBSCRIPTION_SET,
        Subject.service(serviceId).organization(org),
        Map.of("events", List.copyOf(chosen)));
    CloudService s = CloudService.findById(serviceId);
    return new SubscriptionView(
        serviceId, s == null ? serviceId : s.name, email, List.copyOf(chosen));
  }

  private static String shorten(String s) {
    return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
