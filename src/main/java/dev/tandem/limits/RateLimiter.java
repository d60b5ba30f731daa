package dev.tandem.limits;

import dev.tandem.core.TandemConfig;
import dev.tandem.security.CurrentUser;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.RetryLaterException;
import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Rate limits: a {@link Costly} call takes one token from the caller's user bucket, its customer
 * organization's bucket (customer users) and its tenant's bucket; the first empty one refuses the
 * call with 429, {@code Retry-After} (when that bucket has a token again) and problem+json, and the
 * tokens already taken are given back. Refusals are counted in {@code tandem_rate_limit_refused}
 * (tags cost, scope).
 */
@ApplicationScoped
public class RateLimiter {
  private static final Logger LOG = Logger.getLogger(RateLimiter.class);
  public static final String PROBLEM_TYPE = "https://tandem.dev/problems/rate-limited";

  private final boolean enabled;
  private final RatePlan plan;
  private final BucketStore store;
  private final SecurityIdentity identity;
  private final CurrentUser user;
  private final MeterRegistry metrics;

  RateLimiter(
      TandemConfig config,
      AgroalDataSource dataSource,
      SecurityIdentity identity,
      CurrentUser user,
      MeterRegistry metrics) {
    this.enabled = config.limits().enabled();
    this.plan = new RatePlan(config.limits());
    this.store = new BucketStore(dataSource);
    this.identity = identity;
    this.user = user;
    this.metrics = metrics;
  }

  /** The bucket a scope's subject draws from (tenant first, as in every key). */
  public static String key(String tenant, Cost cost, Scope scope, String subject) {
    return tenant + "|" + cost.key + "|" + scope.key + "|" + subject;
  }

  public RatePlan plan() {
    return plan;
  }

  public BucketStore store() {
    return store;
  }

  /** Takes the call's tokens or refuses it (429); nothing to do outside a tenant or when off. */
  public void charge(Cost cost) {
    Optional<String> tenant = TenantContext.current();
    if (!enabled || tenant.isEmpty()) {
      return;
    }
    String t = tenant.get();
    List<String[]> subjects = new ArrayList<>();
    if (!identity.isAnonymous()) {
      subjects.add(new String[] {Scope.USER.name(), user.username()});
      user.organization().ifPresent(o -> subjects.add(new String[] {Scope.ORGANIZATION.name(), o}));
    }
    subjects.add(new String[] {Scope.TENANT.name(), t});
    List<Runnable> taken = new ArrayList<>();
    for (String[] s : subjects) {
      Scope scope = Scope.valueOf(s[0]);
      Rate rate = plan.rate(t, cost, scope);
      String key = key(t, cost, scope, s[1]);
      ConsumptionProbe probe = store.take(key, rate);
      if (!probe.isConsumed()) {
        taken.forEach(Runnable::run);
        metrics
            .counter("tandem.rate.limit.refused", "cost", cost.key, "scope", scope.key)
            .increment();
        LOG.debugf("Rate limit %s-%s reached (%s)", cost.key, scope.key, rate);
        long seconds =
            Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        throw new RetryLaterException(
            429,
            PROBLEM_TYPE,
            "Too many requests of this kind ("
                + cost.key
                + ") for this "
                + scope.key
                + ": at most "
                + rate.capacity()
                + " per "
                + human(rate)
                + ". Try again in "
                + seconds
                + " s.",
            seconds);
      }
      taken.add(() -> store.giveBack(key, rate));
    }
  }

  private static String human(Rate rate) {
    long s = rate.period().toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 == 1 ? "day" : s / 86400 + " days";
    }
    if (s % 3600 == 0) {
      return s / 3600 == 1 ? "hour" : s / 3600 + " hours";
    }
    if (s % 60 == 0) {
      return s / 60 == 1 ? "minute" : s / 60 + " minutes";
    }
    return s + " seconds";
  }
}
