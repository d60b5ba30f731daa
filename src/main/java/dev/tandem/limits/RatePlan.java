package dev.tandem.limits;

import dev.tandem.core.TandemConfig;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Which rate applies to a cost in a scope for a tenant: the tenant's override, else the configured
 * rate, else the built-in one; every capacity multiplied by the configured scale. Plain Java: the
 * whole configuration is read and checked once, so a mistyped rate stops the start, not a request.
 */
public final class RatePlan {
  private final Map<Cost, Map<Scope, Rate>> base = new EnumMap<>(Cost.class);
  private final Map<String, Map<Cost, Map<Scope, Rate>>> tenants = new HashMap<>();

  public RatePlan(TandemConfig.Limits config) {
    this(config.scale(), config.rates(), tenantRates(config));
  }

  RatePlan(long scale, Map<String, String> rates, Map<String, Map<String, String>> tenantRates) {
    if (scale < 1) {
      throw new IllegalArgumentException("tandem.limits.scale must be at least 1");
    }
    for (Cost cost : Cost.values()) {
      Map<Scope, Rate> byScope = new EnumMap<>(Scope.class);
      for (Scope scope : Scope.values()) {
        byScope.put(scope, cost.builtIn(scope).scaled(scale));
      }
      base.put(cost, byScope);
    }
    apply(base, rates, scale, "tandem.limits.rates");
    tenantRates.forEach(
        (tenant, overrides) -> {
          Map<Cost, Map<Scope, Rate>> copy = new EnumMap<>(Cost.class);
          base.forEach((c, m) -> copy.put(c, new EnumMap<>(m)));
          apply(copy, overrides, scale, "tandem.limits.tenants." + tenant + ".rates");
          tenants.put(tenant, copy);
        });
  }

  private static Map<String, Map<String, String>> tenantRates(TandemConfig.Limits config) {
    Map<String, Map<String, String>> result = new HashMap<>();
    config.tenants().forEach((tenant, t) -> result.put(tenant, t.rates()));
    return result;
  }

  private static void apply(
      Map<Cost, Map<Scope, Rate>> target, Map<String, String> overrides, long scale, String where) {
    overrides.forEach(
        (key, value) -> {
          Cost cost = null;
          Scope scope = null;
          for (Cost c : Cost.values()) {
            for (Scope s : Scope.values()) {
              if ((c.key + "-" + s.key).equals(key)) {
                cost = c;
                scope = s;
              }
            }
          }
          if (cost == null) {
            throw new IllegalArgumentException(
                where
                    + "."
                    + key
                    + ": unknown limit (expected <cost>-<scope>, e.g. question-user)");
          }
          try {
            target.get(cost).put(scope, Rate.parse(value).scaled(scale));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + key + ": " + e.getMessage(), e);
          }
        });
  }

  public Rate rate(String tenant, Cost cost, Scope scope) {
    return tenants.getOrDefault(tenant, base).get(cost).get(scope);
  }
}
