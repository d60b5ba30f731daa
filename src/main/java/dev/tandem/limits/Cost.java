package dev.tandem.limits;

import java.util.Map;

/**
 * What a rate-limited operation costs: writes a customer can repeat (questions, replies,
 * deviations, acceptances, webhook registrations), a provider's imports, and the expensive reads
 * (annex renders, exports). Each has a built-in rate per user, per customer organization and per
 * tenant ({@link Scope}); configuration overrides them (docs/operations.md#rate-limits-and-quotas).
 */
public enum Cost {
  QUESTION("question", "30/1h", "100/1h", "2000/1h"),
  REPLY("reply", "120/1h", "600/1h", "10000/1h"),
  DEVIATION("deviation", "60/1h", "200/1h", "5000/1h"),
  ACCEPTANCE("acceptance", "20/1h", "50/1h", "1000/1h"),
  WEBHOOK("webhook", "20/1h", "30/1h", "500/1h"),
  IMPORT("import", "60/1h", "60/1h", "300/1h"),
  RENDER("render", "120/1h", "300/1h", "3000/1h"),
  EXPORT("export", "120/1h", "300/1h", "3000/1h");

  /** The name in configuration keys and bucket keys ({@code question-user}). */
  public final String key;

  private final Map<Scope, String> defaults;

  Cost(String key, String user, String organization, String tenant) {
    this.key = key;
    this.defaults =
        Map.of(Scope.USER, user, Scope.ORGANIZATION, organization, Scope.TENANT, tenant);
  }

  /** The built-in rate of this cost in a scope. */
  public Rate builtIn(Scope scope) {
    return Rate.parse(defaults.get(scope));
  }
}
