package dev.tandem.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.core.TandemConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The plan as the application builds it: from the typed configuration ({@link
 * TandemConfig.Limits}), whose per-tenant overrides ({@code
 * tandem.limits.tenants.<tenant>.rates.*}) must reach the plan.
 */
@Tag("fast")
class RatePlanConfigTest {

  /** The configuration with only the parts RatePlan reads; anything else is not expected. */
  private static TandemConfig.Limits limits(
      long scale, Map<String, String> rates, Map<String, Map<String, String>> tenants) {
    Map<String, TandemConfig.Limits.TenantLimits> byTenant = new java.util.HashMap<>();
    tenants.forEach((t, r) -> byTenant.put(t, () -> r));
    return (TandemConfig.Limits)
        Proxy.newProxyInstance(
            RatePlanConfigTest.class.getClassLoader(),
            new Class<?>[] {TandemConfig.Limits.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "scale" -> scale;
                  case "rates" -> rates;
                  case "tenants" -> byTenant;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void aTenantsConfiguredOverrideReachesThePlanAndOnlyForThatTenant() {
    RatePlan plan =
        new RatePlan(
            limits(
                2,
                Map.of("reply-user", "20/1h"),
                Map.of("nimbus", Map.of("question-user", "3/1m"))));
    assertEquals(
        new Rate(6, Duration.ofMinutes(1)), plan.rate("nimbus", Cost.QUESTION, Scope.USER));
    assertEquals(
        Cost.QUESTION.builtIn(Scope.USER).scaled(2), plan.rate("helio", Cost.QUESTION, Scope.USER));
    // The tenant's plan keeps the configured rates it does not override.
    assertEquals(new Rate(40, Duration.ofHours(1)), plan.rate("nimbus", Cost.REPLY, Scope.USER));
    assertEquals(new Rate(40, Duration.ofHours(1)), plan.rate("helio", Cost.REPLY, Scope.USER));
  }
}
