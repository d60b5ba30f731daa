package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingDemoDataTest {
  @jakarta.inject.Inject DemoDataImporter importer;

  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tandem.tenants-dir")
  String tenantsDir;

  @Test
  void demoImportRunsOnceAndIsIdempotent() {
    // Startup imported it; running the import again adds nothing.
    assertThat(importer.importAll(java.nio.file.Path.of(tenantsDir)), is(0));
    List<Integer> numbers =
        as("helio", "helio-auditor")
            .when()
            .get(base("helio", "managed-postgres") + "/versions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("number");
    assertThat(numbers.stream().filter(n -> n == 1).count(), is(1L));
    assertThat(numbers.stream().filter(n -> n == 2).count(), is(1L));
  }

  private static JsonPath diff(String tenant, String user, String service) {
    return as(tenant, user)
        .queryParam("from", 1)
        .queryParam("to", 2)
        .when()
        .get(base(tenant, service) + "/diff")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void demoDiffOfNimbusListsExactlyTheFiveChangedControls() {
    JsonPath d = diff("nimbus", "acme-reviewer", "object-storage");
    assertThat(
        d.getList("changes.control"),
        containsInAnyOrder("9.4.2", "10.1.2", "12.4.1", "14.2.7", "18.2.1"));
    assertThat(d.getList("changes.change"), everyItem(is("changed")));
    assertThat(d.getInt("summary.changed"), is(5));
    assertThat(d.getInt("summary.unchanged"), is(116));
    // 9.4.2 moves to the provider: the responsibility field is among the changes.
    assertThat(
        d.getString(
            "changes.find { it.control == '9.4.2' }.fields.find { it.field =="
                + " 'responsibility' }.to"),
        is("provider"));
  }

  @Test
  void demoDiffOfHelioListsExactlyTheFiveChangedControls() {
    JsonPath d = diff("helio", "helio-auditor", "managed-postgres");
    assertThat(
        d.getList("changes.control"),
        containsInAnyOrder("6.2.2", "12.1.2", "12.3.1", "12.4.3", "18.1.4"));
  }

  @Test
  void demoVersionsArePublishedWithPublisherAndTimeFromTheFiles() {
    JsonPath v =
        as("nimbus", "globex-reviewer")
            .when()
            .get(base("nimbus", "object-storage") + "/versions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(v.getString("find { it.number == 1 }.publishedBy"), is("nimbus-approver"));
    assertThat(v.getString("find { it.number == 1 }.publishedAt"), is("2026-03-02T09:00:00Z"));
    assertThat(v.getString("find { it.number == 2 }.publishedAt"), is("2026-05-04T09:00:00Z"));
    List<String> hashes = v.getList("contentHash");
    assertThat(
        hashes.stream().filter(h -> h != null && h.matches("[0-9a-f]{64}")).count() >= 2, is(true));
  }

  @Test
  void overviewCountsAddUpTo121PerVersion() {
    JsonPath o =
        as("nimbus", "acme-reviewer")
            .queryParam("version", 1)
            .when()
            .get(base("nimbus", "object-storage") + "/overview")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(o.getInt("total.total"), is(121));
    assertThat(
        o.getInt("total.provider")
            + o.getInt("total.customer")
            + o.getInt("total.shared")
            + o.getInt("total.notApplicable"),
        is(121));
    assertThat(o.getList("clauses"), hasSize(14));
  }
}
