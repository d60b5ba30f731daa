package dev.tandem.review;

import static dev.tandem.review.ReviewApi.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo data import gives its grants once per tenant and service, never again. */
@QuarkusTest
class DemoGrantsTest {
  private static final String T = "helio";
  private static final String DEMO = "managed-postgres";

  @Inject DemoGrants demoGrants;

  private static List<String> grantedOrganizations() {
    return as(T, "helio-admin")
        .get("/t/" + T + "/api/provider/grants")
        .then()
        .statusCode(200)
        .extract()
        .path("findAll { it.serviceId == '" + DEMO + "' }.organizationId");
  }

  @Test
  void aRevokedDemoGrantStaysRevokedOnTheNextStart() {
    assertThat(grantedOrganizations(), hasItem("umbra-logistics"));
    assertThat(
        "the import is recorded",
        as(T, "helio-auditor")
            .queryParam("service", DEMO)
            .queryParam("action", "GRANT_GIVEN")
            .queryParam("actor", DemoGrants.ACTOR)
            .get("/t/" + T + "/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .<List<String>>path("events.organization"),
        hasItem("umbra-logistics"));
    try {
      ReviewApi.revoke(T, DEMO, "umbra-logistics");
      demoGrants.importAll(); // what the next start does
      assertThat(grantedOrganizations(), not(hasItem("umbra-logistics")));
      assertThat(grantedOrganizations().contains("initech"), is(true));
    } finally {
      ReviewApi.grant(T, DEMO, "umbra-logistics", false);
    }
  }
}
