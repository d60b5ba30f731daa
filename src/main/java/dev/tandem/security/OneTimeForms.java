package dev.tandem.security;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.qute.TemplateExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One-time tokens for the page forms that create something. Each rendered form carries a fresh
 * random token ({@code {form:token}} in a template); the first submission records it in the
 * transaction of its write, so a repeat — Back and resubmit, a double click, a second tab — writes
 * nothing and is sent where the first one led. A refused or failed write rolls its token back with
 * it: correcting the form and sending it again works.
 */
@ApplicationScoped
public class OneTimeForms {
  /** The form field that carries the token. */
  public static final String FIELD = "formToken";

  /** How long a token is remembered; a page left open longer sends its form as new. */
  static final Duration RETENTION = Duration.ofDays(30);

  // Each claim removes at most this many expired tokens: cleaning up costs a bounded amount per
  // request, and the table never grows with history.
  private static final int CLEANUP_BATCH = 20;

  /** What a submission led to: the first one's result, or that of the write done now. */
  public record Outcome(String location, boolean repeated) {}

  private final EntityManager em;
  private final TenantContext tenant;
  private final CurrentUser user;

  OneTimeForms(EntityManager em, TenantContext tenant, CurrentUser user) {
    this.em = em;
    this.tenant = tenant;
    this.user = user;
  }

  /** A fresh token for one rendered form. */
  @TemplateExtension(namespace = "form", matchName = "token")
  public static String newToken() {
    return UUID.randomUUID().toString();
  }

  /**
   * Fresh tokens for the many forms of one page: one random draw, then distinct values derived from
   * it by a counter in its low bits. A token only has to be unique and unknown to other people;
   * tokens of one page are seen by that page's reader only, and another page's draw is independent.
   * One draw instead of a hundred keeps a long page cheap.
   */
  public static Supplier<String> pageTokens() {
    UUID base = UUID.randomUUID();
    long high = base.getMostSignificantBits();
    long low = base.getLeastSignificantBits();
    int[] next = {0};
    return () -> new UUID(high, low ^ next[0]++).toString();
  }

  /**
   * Runs the write (which returns where to send the browser) unless the token was used before. A
   * missing or malformed token runs the write without protection (the form was not one of ours).
   */
  @Transactional
  public Outcome once(String token, Supplier<String> write) {
    Optional<UUID> id = parse(token);
    if (id.isEmpty()) {
      return new Outcome(write.get(), false);
    }
    String tenantId = tenant.requireTenantId();
    int claimed =
        em.createNativeQuery(
                "INSERT INTO form_submission (tenant_id, token, submitted_by, submitted_at)"
                    + " VALUES (:t, :token, :by, :at) ON CONFLICT DO NOTHING")
            .setParameter("t", tenantId)
            .setParameter("token", id.get())
            .setParameter("by", user.username())
            .setParameter("at", Instant.now())
            .executeUpdate();
    if (claimed == 0) {
      List<?> first =
          em.createNativeQuery(
                  "SELECT result FROM form_submission WHERE tenant_id = :t AND token = :token")
              .setParameter("t", tenantId)
              .setParameter("token", id.get())
              .getResultList();
      Object location = first.isEmpty() ? null : first.get(0);
      return new Outcome(location == null ? null : location.toString(), true);
    }
    String location = write.get();
    em.createNativeQuery(
            "UPDATE form_submission SET result = :r WHERE tenant_id = :t AND token = :token")
        .setParameter("r", location)
        .setParameter("t", tenantId)
        .setParameter("token", id.get())
        .executeUpdate();
    em.createNativeQuery(
            "DELETE FROM form_submission WHERE tenant_id = :t AND token IN (SELECT token FROM"
                + " form_submission WHERE tenant_id = :t AND submitted_at < :before LIMIT "
                + CLEANUP_BATCH
                + ")")
        .setParameter("t", tenantId)
        .setParameter("before", Instant.now().minus(RETENTION))
        .executeUpdate();
    return new Outcome(location, false);
  }

  private static Optional<UUID> parse(String token) {
    if (token == null || token.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(token));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
