package dev.tandem.limits;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The real rates (scale 1) with a few of tenant nimbus's set low, a small messages-per-thread quota
 * and one annex renderer with a 1 s queue: the limit tests' own application.
 */
public class LowLimits implements QuarkusTestProfile {
  static final int QUESTIONS = 2;
  static final int REPLIES = 3;
  static final int MESSAGES = 3;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "tandem.limits.scale",
        "1",
        "tandem.limits.tenants.nimbus.rates.question-user",
        QUESTIONS + "/1h",
        "tandem.limits.tenants.nimbus.rates.reply-user",
        REPLIES + "/1h",
        "tandem.limits.quotas.messages-per-thread",
        String.valueOf(MESSAGES),
        "tandem.limits.render.concurrent",
        "1",
        "tandem.limits.render.queue-timeout",
        "1s");
  }
}
