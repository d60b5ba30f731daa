package dev.tandem.attack;

import static io.restassured.RestAssured.given;

import dev.tandem.testing.Pages;
import dev.tandem.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
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

  // ------------------------------------------------------------------ review objects (issue 5)

  /** The two customer organizations of each demo tenant (first one = the provider's "own"). */
  static final Map<String, List<String>> ORGS =
      Map.of(
          "nimbus",
          List.of("acme-bank", "globex-health"),
          "helio",
          List.of("initech", "umbra-logistics"));

  private static final Map<String, String> ORG_PREFIX =
      Map.of(
          "acme-bank",
          "acme",
          "globex-health",
          "globex",
          "initech",
          "initech",
          "umbra-logistics",
          "umbra");

  /** Per organization: kind ("threadId", "deviationId", "acceptanceId") → id created for it. */
  private static final Map<String, Map<String, String>> REVIEW_IDS = new HashMap<>();

  /**
   * Per organization: the number of a version of its tenant's demo service that only this
   * organization may read — released, accepted by this organization alone, then withdrawn. To the
   * other organization of the tenant (granted the same service) it must look like a version that
   * does not exist.
   */
  private static final Map<String, String> READABLE_ONLY_BY = new HashMap<>();

  private static RequestSpecification as(String tenant, String user) {
    return given()
        .auth()
        .oauth2(Tokens.of(tenant, user))
        .accept("application/json")
        .contentType(ContentType.JSON);
  }

  /**
   * Creates, through the API, for every demo customer organization: a version of the demo service
   * that only this organization may read ({@link #versionNumber}), then one question thread, one
   * deviation and one acceptance (on the demo service's latest published version), obligations, a
   * webhook and a delivery, so that customer A can be attacked with customer B's ids. Called once
   * at battery start.
   */
  public static synchronized void prepare() {
    if (!REVIEW_IDS.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<String>> t : ORGS.entrySet()) {
      String tenant = t.getKey();
      String service = serviceOf(tenant);
      for (String org : t.getValue()) {
        grant(tenant, service, org);
      }
      // Before the threads below: an open question would block these acceptances.
      for (String org : t.getValue()) {
        READABLE_ONLY_BY.put(org, String.valueOf(acceptedAloneThenWithdrawn(tenant, service, org)));
      }
      for (String org : t.getValue()) {
        String reviewer = ORG_PREFIX.get(org) + "-reviewer";
        String signatory = ORG_PREFIX.get(org) + "-signatory";
        String base = "/t/" + tenant + "/api/review/services/" + service;
        int latest =
            as(tenant, reviewer)
                .get("/t/" + tenant + "/api/services/" + service)
                .then()
                .statusCode(200)
                .extract()
                .path("latestPublished");
        List<String> controls =
            as(tenant, reviewer)
                .get(base + "/versions/" + latest)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("controls.controlId");
        as(tenant, reviewer)
            .body(Map.of("controls", controls, "status", "accepted"))
            .put(base + "/versions/" + latest + "/statuses")
            .then()
            .statusCode(200);
        Map<String, String> ids = new HashMap<>();
        ids.put(
            "acceptanceId",
            as(tenant, signatory)
                .header("Idempotency-Key", "attack-battery-" + org)
                .body(Map.of("name", "Attack Battery", "jobTitle", "Fixture"))
                .post(base + "/versions/" + latest + "/acceptances")
                .then()
                .statusCode(org(200, 201))
                .extract()
                .path("id"));
        ids.put(
            "threadId",
            as(tenant, reviewer)
                .body(Map.of("controlId", "5.1.1", "body", "Attack battery question"))
                .post(base + "/versions/" + latest + "/threads")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        ids.put(
            "deviationId",
            as(tenant, reviewer)
                .body(
                    Map.of(
                        "controlId", "5.1.1", "responsibility", "provider", "rationale", "battery"))
                .post(base + "/versions/" + latest + "/deviations")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        // obligations (created by the acceptance above), a webhook and one delivery of it
        ids.put(
            "obligationId",
            as(tenant, reviewer)
                .get("/t/" + tenant + "/api/obligations/services/" + service)
                .then()
                .statusCode(200)
                .extract()
                .path("obligations[0].id"));
        String hook =
            as(tenant, signatory)
                .body(
                    Map.of(
                        "url",
                        "https://127.0.0.1:9/attack-battery-" + org,
                        "events",
                        List.of("change.material")))
                .post("/t/" + tenant + "/api/notify/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ids.put("webhookId", hook);
        ids.put(
            "deliveryId",
            as(tenant, signatory)
                .post("/t/" + tenant + "/api/notify/webhooks/" + hook + "/test")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));
        REVIEW_IDS.put(org, ids);
      }
    }
  }

  private static void grant(String tenant, String service, String org) {
    as(tenant, tenant + "-admin")
        .body(Map.of("ndaRequired", false))
        .put("/t/" + tenant + "/api/provider/grants/" + service + "/" + org)
        .then()
        .statusCode(200);
  }

  /**
   * Publishes a new version of the service (the open draft, or a new copy of the latest published
   * version, with 5.1.1 reworded), lets {@code org} review and accept it, withdraws it, and returns
   * its number. The latest published version stays what it was.
   */
  private static int acceptedAloneThenWithdrawn(String tenant, String service, String org) {
    String base = "/t/" + tenant + "/api/services/" + service;
    String author = tenant + "-author";
    String approver = tenant + "-approver";
    Response current = as(tenant, author).get(base + "/drafts/current");
    if (current.statusCode() == 404) {
      as(tenant, author).post(base + "/drafts").then().statusCode(201);
      current = as(tenant, author).get(base + "/drafts/current");
    }
    int n = current.then().statusCode(200).extract().path("version.number");
    if ("SUBMITTED".equals(current.path("version.status"))) {
      as(tenant, approver)
          .body(Map.of("reason", "returned by the attack battery's fixture"))
          .post(base + "/versions/" + n + "/reject")
          .then()
          .statusCode(200);
    }
    Number lock =
        as(tenant, author)
            .get(base + "/drafts/current/statements/5.1.1")
            .then()
            .statusCode(200)
            .extract()
            .path("statement.lockVersion");
    as(tenant, author)
        .body(
            Map.of(
                "applicable",
                true,
                "responsibility",
                "shared",
                "implementation",
                "Attack battery: only " + org + " accepted version " + n + ".",
                "customerResponsibility",
                "Attack battery text.",
                "evidence",
                List.of(),
                "tags",
                List.of(),
                "lockVersion",
                lock == null ? 0L : lock.longValue()))
        .put(base + "/drafts/current/statements/5.1.1")
        .then()
        .statusCode(200);
    as(tenant, author)
        .body(Map.of("changelog", "Attack battery: a version only " + org + " accepts"))
        .post(base + "/drafts/current/submit")
        .then()
        .statusCode(200);
    as(tenant, approver).post(base + "/versions/" + n + "/approve").then().statusCode(200);

    String reviewer = ORG_PREFIX.get(org) + "-reviewer";
    String review = "/t/" + tenant + "/api/review/services/" + service;
    // Questions left open (by an earlier start of the battery, or another test) block acceptance.
    for (Map<String, Object> thread : Pages.all(() -> as(tenant, reviewer), review + "/threads")) {
      if ("open".equals(thread.get("status"))) {
        as(tenant, reviewer)
            .post("/t/" + tenant + "/api/review/threads/" + thread.get("id") + "/resolve")
            .then()
            .statusCode(200);
      }
    }
    List<String> controls =
        as(tenant, reviewer)
            .get(review + "/versions/" + n)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("controls.controlId");
    as(tenant, reviewer)
        .body(Map.of("controls", controls, "status", "accepted"))
        .put(review + "/versions/" + n + "/statuses")
        .then()
        .statusCode(200);
    as(tenant, ORG_PREFIX.get(org) + "-signatory")
        .body(Map.of("name", "Attack Battery", "jobTitle", "Fixture"))
        .post(review + "/versions/" + n + "/acceptances")
        .then()
        .statusCode(201);
    as(tenant, approver)
        .body(Map.of("reason", "attack battery: withdrawn after one organization accepted it"))
        .post(base + "/versions/" + n + "/withdraw")
        .then()
        .statusCode(200);
    return n;
  }

  /** The other demo organization of the customer's tenant. */
  private static String otherOrganization(Principal p) {
    List<String> orgs = ORGS.get(p.tenant());
    return orgs.get(0).equals(p.organization()) ? orgs.get(1) : orgs.get(0);
  }

  /**
   * A version number of the tenant's demo service ({@link #serviceOf}, the battery's {@code
   * serviceId}): version 1 is published and readable to all; for a customer, "another customer's"
   * version is one only the other organization may read (accepted by it alone, then withdrawn).
   * Version numbers are not secret across tenants.
   */
  static ParamFixture versionNumber() {
    return new ParamFixture() {
      public String own(Principal p) {
        return "1";
      }

      public Optional<String> otherTenant(Principal p) {
        return Optional.empty();
      }

      public Optional<String> otherCustomer(Principal p) {
        if (!p.isCustomer()) {
          return Optional.empty();
        }
        prepare();
        return Optional.of(READABLE_ONLY_BY.get(otherOrganization(p)));
      }

      public String nonexistent() {
        return "9999";
      }
    };
  }

  private static org.hamcrest.Matcher<Integer> org(int a, int b) {
    return org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(a), org.hamcrest.Matchers.is(b));
  }

  /** An id of a review object: customers their own organization's, providers any of the tenant. */
  static ParamFixture reviewObject(String kind, String nonexistent) {
    return new ParamFixture() {
      private String of(String tenant, String org) {
        prepare();
        // Anonymous requests have no tenant of their own: use nimbus's ids.
        String t = tenant == null ? "nimbus" : tenant;
        return REVIEW_IDS.get(org == null ? ORGS.get(t).get(0) : org).get(kind);
      }

      public String own(Principal p) {
        return of(p.tenant(), p.organization());
      }

      public Optional<String> otherTenant(Principal p) {
        return Optional.of(of(p.otherTenant(), null));
      }

      public Optional<String> otherCustomer(Principal p) {
        if (!p.isCustomer()) {
          return Optional.empty();
        }
        return Optional.of(of(p.tenant(), otherOrganization(p)));
      }

      public String nonexistent() {
        return nonexistent;
      }
    };
  }

  /** Path parameters by name. {tenant} is handled by the battery itself. */
  public static final Map<String, ParamFixture> PARAMS =
      Map.ofEntries(
          // platform: a tenant id (the operator's object)
          Map.entry("id", simple(p -> "nimbus", p -> null, "no-such-tenant")),
          // a tenant's cloud service: the other tenant's service id must look like a missing one
          Map.entry(
              "serviceId",
              simple(
                  p -> serviceOf(p.tenant()), p -> serviceOf(p.otherTenant()), "no-such-service")),
          // version numbers are not secret across tenants (they only matter with a service), but
          // within one a customer may read only some: versionNumber() gives the other customer's
          Map.entry("n", versionNumber()),
          // control ids and catalog ids are not secret
          Map.entry("controlId", simple(p -> "5.1.1", p -> null, "99.9.9")),
          Map.entry("catalogId", simple(p -> "iso27017-2015", p -> null, "no-such-catalog")),
          // review (issue 5): customer organizations are the provider's objects (provider-only
          // operations); threads, deviations and acceptances belong to one organization.
          Map.entry(
              "organizationId",
              simple(
                  p -> ORGS.get(p.tenant() == null ? "nimbus" : p.tenant()).get(0),
                  p -> ORGS.get(p.otherTenant()).get(0),
                  "no-such-org")),
          Map.entry("threadId", reviewObject("threadId", "00000000-0000-4000-8000-000000000001")),
          Map.entry(
              "deviationId", reviewObject("deviationId", "00000000-0000-4000-8000-000000000002")),
          Map.entry(
              "acceptanceId", reviewObject("acceptanceId", "00000000-0000-4000-8000-000000000003")),
          // obligations, webhooks and their deliveries belong to one organization
          Map.entry(
              "obligationId", reviewObject("obligationId", "00000000-0000-4000-8000-000000000004")),
          Map.entry("webhookId", reviewObject("webhookId", "00000000-0000-4000-8000-000000000005")),
          Map.entry(
              "deliveryId", reviewObject("deliveryId", "00000000-0000-4000-8000-000000000006")),
          // annex formats are not secret either; an unknown one answers 404
          Map.entry("format", simple(p -> "md", p -> null, "exe")),
          // interchange page downloads: file names are not secret; an unknown one answers 404
          Map.entry("file", simple(p -> "matrix.csv", p -> null, "matrix.exe")));

  /** Query parameters an operation needs to succeed on own data, by "METHOD /path/template". */
  public static final Map<String, Map<String, Object>> QUERIES =
      Map.of("GET /t/{tenant}/api/services/{serviceId}/diff", Map.of("from", 1, "to", 1));

  /**
   * Own reads that cannot succeed from these fixtures alone, with the reason; every other read by
   * an admitted role must answer 2xx.
   */
  public static final Map<String, String> OWN_READ_EXCEPTIONS =
      Map.of(
          "GET /t/{tenant}/api/services/{serviceId}/drafts/current",
          "exists only while a draft is open (PublishingLifecycleTest reads it)",
          "GET /t/{tenant}/api/services/{serviceId}/drafts/current/statements/{controlId}",
          "exists only while a draft is open (PublishingLifecycleTest reads it)",
          "GET /t/{tenant}/api/provider/services/{serviceId}/obligations/{organizationId}",
          "the provider sees an organization's obligation status only when the organization shares"
              + " it, and no demo organization does (ObligationFlowTest reads a shared one)");

  private static final String STATEMENT =
      """
      {"applicable": true, "responsibility": "shared", "implementation": "Attack battery text.",
       "customerResponsibility": "Attack battery text.", "evidence": [], "tags": [], "lockVersion": 0}""";

  private static final String REASON = "{\"reason\": \"attack battery\"}";

  private static final String WEBHOOK =
      "{\"url\": \"https://127.0.0.1:9/attack-battery\", \"events\": [\"change.material\"]}";

  /** Request bodies by "METHOD /path/template"; operations without a body need no entry. */
  public static final Map<String, String> BODIES =
      Map.ofEntries(
          Map.entry(
              "PUT /t/{tenant}/api/services/{serviceId}/drafts/current/statements/{controlId}",
              STATEMENT),
          Map.entry(
              "POST /t/{tenant}/api/services/{serviceId}/drafts/current/submit",
              "{\"changelog\": \"attack battery\"}"),
          Map.entry("POST /t/{tenant}/api/services/{serviceId}/versions/{n}/reject", REASON),
          Map.entry("POST /t/{tenant}/api/services/{serviceId}/versions/{n}/withdraw", REASON),
          Map.entry(
              "PUT /t/{tenant}/api/provider/grants/{serviceId}/{organizationId}",
              "{\"ndaRequired\": false}"),
          Map.entry(
              "POST /t/{tenant}/api/provider/deviations/{deviationId}/decision",
              "{\"decision\": \"rejected\", \"reason\": \"attack battery\"}"),
          Map.entry(
              "PUT /t/{tenant}/api/review/services/{serviceId}/versions/{n}/statuses",
              "{\"controls\": [\"5.1.1\"], \"status\": \"question\"}"),
          Map.entry(
              "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/threads",
              "{\"controlId\": \"5.1.1\", \"body\": \"attack battery\"}"),
          Map.entry(
              "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/deviations",
              "{\"controlId\": \"5.1.1\", \"responsibility\": \"provider\","
                  + " \"rationale\": \"attack battery\"}"),
          Map.entry(
              "POST /t/{tenant}/api/review/services/{serviceId}/versions/{n}/acceptances",
              "{\"name\": \"Attack Battery\", \"jobTitle\": \"Attacker\"}"),
          Map.entry(
              "POST /t/{tenant}/api/review/threads/{threadId}/replies",
              "{\"body\": \"attack battery\"}"),
          // obligations and notifications
          Map.entry("PUT /t/{tenant}/api/obligations/{obligationId}", "{\"status\": \"open\"}"),
          Map.entry(
              "PUT /t/{tenant}/api/obligations/services/{serviceId}/sharing",
              "{\"shared\": false}"),
          Map.entry(
              "PUT /t/{tenant}/api/provider/services/{serviceId}/reacceptance",
              "{\"periodDays\": 0}"),
          Map.entry(
              "PUT /t/{tenant}/api/notify/subscriptions/{serviceId}",
              "{\"events\": [\"version.published\"]}"),
          Map.entry("POST /t/{tenant}/api/notify/webhooks", WEBHOOK),
          Map.entry("PUT /t/{tenant}/api/notify/webhooks/{webhookId}", WEBHOOK),
          // interchange imports: a readable JSON body (not an OSCAL component definition)
          Map.entry(
              "POST /t/{tenant}/api/services/{serviceId}/drafts/current/import/preview",
              "{\"component-definition\": {}}"),
          Map.entry(
              "POST /t/{tenant}/api/services/{serviceId}/drafts/current/import",
              "{\"component-definition\": {}}"),
          // annex verification: a well-formed hash that was never issued
          Map.entry(
              "POST /t/{tenant}/api/annex/verify",
              "{\"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}"));
}
