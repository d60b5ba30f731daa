package dev.tandem.attack;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the attack battery substitutes for each path parameter and which body it sends to each
 * operation. An operation whose parameter or body has no entry here makes the battery fail: every
 * new endpoint must say how it is attacked. Features add their entries here.
 */
public final class AttackFixtures {
  private AttackFixtures() {}

  /** Values of one path parameter, seen from one principal. */
  public interface ParamFixture {
    /** A value that belongs to the principal's own tenant (and own organization for customers). */
    String own(Principal p);

    /**
     * A value that belongs to the other tenant; empty if ids of this kind are global (not secret).
     */
    Optional<String> otherTenant(Principal p);

    /**
     * A value of another customer organization of the same tenant; empty if not customer-specific.
     */
    Optional<String> otherCustomer(Principal p);

    /** A well-formed value that exists nowhere. */
    String nonexistent();
  }

  static ParamFixture simple(
      Function<Principal, String> own,
      Function<Principal, String> otherTenant,
      String nonexistent) {
    return new ParamFixture() {
      public String own(Principal p) {
        return own.apply(p);
      }

      public Optional<String> otherTenant(Principal p) {
        return Optional.ofNullable(otherTenant.apply(p));
      }

      public Optional<String> otherCustomer(Principal p) {
        return Optional.empty();
      }

      public String nonexistent() {
        return nonexistent;
      }
    };
  }

  /** The demo service with published versions of each tenant. */
  static String serviceOf(String tenant) {
    return "nimbus".equals(tenant) ? "object-storage" : "managed-postgres";
  }

  /** Path parameters by name. {tenant} is handled by the battery itself. */
  public static final Map<String, ParamFixture> PARAMS =
      Map.of(
          // platform: a tenant id (the operator's object)
          "id", simple(p -> "nimbus", p -> null, "no-such-tenant"),
          // a tenant's cloud service: the other tenant's service id must look like a missing one
          "serviceId",
              simple(
                  p -> serviceOf(p.tenant()), p -> serviceOf(p.otherTenant()), "no-such-service"),
          // version numbers, control ids and catalog ids are not secret; they only matter with a
          // service
          "n", simple(p -> "1", p -> null, "9999"),
          "controlId", simple(p -> "5.1.1", p -> null, "99.9.9"),
          "catalogId", simple(p -> "iso27017-2015", p -> null, "no-such-catalog"),
          // annex formats are not secret either; an unknown one answers 404
          "format", simple(p -> "md", p -> null, "exe"));

  private static final String STATEMENT =
      """
      {"applicable": true, "responsibility": "shared", "implementation": "Attack battery text.",
       "customerResponsibility": "Attack battery text.", "evidence": [], "tags": [], "lockVersion": 0}""";

  private static final String REASON = "{\"reason\": \"attack battery\"}";

  /** Request bodies by "METHOD /path/template"; operations without a body need no entry. */
  public static final Map<String, String> BODIES =
      Map.of(
          "PUT /t/{tenant}/api/services/{serviceId}/drafts/current/statements/{controlId}",
              STATEMENT,
          "POST /t/{tenant}/api/services/{serviceId}/drafts/current/submit",
              "{\"changelog\": \"attack battery\"}",
          "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/reject", REASON,
          "POST /t/{tenant}/api/services/{serviceId}/versions/{n}/withdraw", REASON,
          // annex verification: a well-formed hash that was never issued
          "POST /t/{tenant}/api/annex/verify",
              "{\"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}");
}
