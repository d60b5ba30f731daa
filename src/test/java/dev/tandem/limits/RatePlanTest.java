package dev.tandem.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which rate applies (built-in, configured, per tenant, scaled) and how rates are written. */
@Tag("fast")
class RatePlanTest {

  @Test
  void aTenantOverrideBeatsTheConfiguredRateWhichBeatsTheBuiltInOne() {
    RatePlan plan =
        new RatePlan(
            1, Map.of("question-user", "10/1h"), Map.of("acme", Map.of("question-user", "3/1m")));
    assertEquals(new Rate(3, Duration.ofMinutes(1)), plan.rate("acme", Cost.QUESTION, Scope.USER));
    assertEquals(new Rate(10, Duration.ofHours(1)), plan.rate("other", Cost.QUESTION, Scope.USER));
    assertEquals(
        Cost.QUESTION.builtIn(Scope.TENANT), plan.rate("acme", Cost.QUESTION, Scope.TENANT));
  }

  @Test
  void theScaleMultipliesEveryCapacity() {
    RatePlan plan = new RatePlan(1000, Map.of(), Map.of());
    assertEquals(
        Cost.REPLY.builtIn(Scope.USER).capacity() * 1000,
        plan.rate("any", Cost.REPLY, Scope.USER).capacity());
  }

  @Test
  void aMistypedLimitStopsTheStart() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RatePlan(1, Map.of("questions-user", "10/1h"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RatePlan(1, Map.of("question-user", "10 per hour"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RatePlan(1, Map.of(), Map.of("t", Map.of("reply-org", "1/1h"))));
    assertThrows(IllegalArgumentException.class, () -> Rate.parse("0/1h"));
    assertEquals(new Rate(5, Duration.ofDays(2)), Rate.parse(" 5 / 2d "));
  }
}
