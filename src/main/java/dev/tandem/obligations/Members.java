package dev.tandem.obligations;

import dev.tandem.notify.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The directory of an organization's users as Tandem has seen them (user name, display name and
 * e-mail from their tokens), refreshed whenever a customer user works with obligations: the people
 * an obligation can be given to. Identity facts, not decisions, so not audited.
 */
@ApplicationScoped
public class Members {
  private final Caller caller;

  Members(Caller caller) {
    this.caller = caller;
  }

  /** Records the calling customer user (at most once an hour per user). */
  public void seen() {
    String org = caller.organization();
    OrganizationMember m =
        OrganizationMember.findById(new OrganizationMember.Key(org, caller.username()));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (m == null) {
      m = new OrganizationMember();
      m.organizationId = org;
      m.username = caller.username();
      m.displayName = shorten(caller.displayName());
      m.email = caller.email().orElse(null);
      m.lastSeenAt = now;
      m.persist();
    } else if (Duration.between(m.lastSeenAt, now).toHours() >= 1) {
      m.displayName = shorten(caller.displayName());
      m.email = caller.email().orElse(null);
      m.lastSeenAt = now;
    }
  }

  public boolean isMember(String org, String username) {
    return OrganizationMember.findById(new OrganizationMember.Key(org, username)) != null;
  }

  private static String shorten(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
  }
}
