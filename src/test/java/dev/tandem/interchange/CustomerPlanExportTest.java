package dev.tandem.interchange;

import static dev.tandem.obligations.ObligationApi.S;
import static dev.tandem.obligations.ObligationApi.T;
import static dev.tandem.obligations.ObligationApi.shared;
import static dev.tandem.review.ReviewApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.obligations.ObligationApi;
import dev.tandem.testing.CodeFlowLogin;
import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customer organization's own OSCAL plan: its obligations as the satisfied entries answering
 * the provider's responsibilities, valid for NIST's liboscal-java; the same callers and isolation
 * as the obligations' XLSX export (another organization gets its own plan, never this one's).
 */
@QuarkusTest
class CustomerPlanExportTest {
  private static final String API = "/t/" + T + "/api/obligations/services/";

  private static Response plan(String user, String service) {
    return given()
        .auth()
        .oauth2(Tokens.of(T, user))
        .get(API + service + "/interchange/oscal-ssp.json");
  }

  @Test
  void theOrganizationsObligationsAreTheSatisfiedEntriesOfItsPlan() throws Exception {
    String tag = Long.toString(System.nanoTime());
    int v =
        ObligationApi.publish(
            Map.of(
                "8.1.1", shared("Inventory " + tag, "Keep an inventory of your own assets."),
                "8.1.2", shared("Owners " + tag, "Name an owner for each asset.")));
    ObligationApi.accept("initech", v);
    ObligationApi.accept("umbra", v);
    Map<String, Object> o = ObligationApi.obligation("initech-reviewer", "8.1.1");
    String statement = "Our CMDB lists every asset (" + tag + ").";
    as(T, "initech-reviewer")
        .body(
            Map.of(
                "status",
                "implemented",
                "statement",
                statement,
                "evidence",
                List.of("CMDB-7"),
                "dueDate",
                "2027-03-31"))
        .put("/t/" + T + "/api/obligations/" + o.get("id"))
        .then()
        .statusCode(200);

    Response r = plan("initech-reviewer", S);
    r.then().statusCode(200).contentType("application/json");
    assertThat(r.header("Content-Disposition"), containsString("initech-obligations-oscal-ssp"));
    byte[] ssp = r.asByteArray();
    assertEquals(
        new String(ssp, StandardCharsets.UTF_8),
        plan("initech-signatory", S).then().statusCode(200).extract().asString());

    // The satisfied entry of 8.1.1 is the obligation, pointing at the provider's responsibility.
    JsonNode doc = new ObjectMapper().readTree(ssp).path("system-security-plan");
    JsonNode bc = null;
    for (JsonNode ir : doc.path("control-implementation").path("implemented-requirements")) {
      if (ir.path("control-id").asText().equals("c-8.1.1")) {
        bc = ir.path("by-components").get(0);
      }
    }
    JsonNode sat = bc.path("satisfied").get(0);
    assertEquals(statement, sat.path("description").asText());
    assertEquals(
        bc.path("export").path("responsibilities").get(0).path("uuid").asText(),
        sat.path("responsibility-uuid").asText());
    assertThat(sat.path("props").toString(), containsString("\"value\":\"implemented\""));
    assertThat(sat.path("props").toString(), containsString(o.get("id").toString()));
    assertThat(sat.path("links").toString(), containsString("CMDB-7"));

    // Valid for NIST's library, beside the catalog it names as its baseline.
    Path dir = Files.createTempDirectory("customer-plan");
    Files.write(
        dir.resolve(OscalWriter.catalogFileName("iso27017-2015")),
        given()
            .auth()
            .oauth2(Tokens.of(T, "initech-reviewer"))
            .get("/t/" + T + "/api/catalogs/iso27017-2015/oscal/catalog.json")
            .asByteArray());
    Files.write(dir.resolve("ssp.json"), ssp);
    assertEquals(List.of(), new OscalValidator().allFindings(dir.resolve("ssp.json"), "ssp"));

    // Umbra gets its own plan, with nothing of Initech's.
    String umbra = plan("umbra-reviewer", S).then().statusCode(200).extract().asString();
    assertThat(umbra, containsString("Umbra"));
    assertThat(umbra, not(containsString(statement)));
    assertThat(umbra, not(containsString(o.get("id").toString())));

    // The signed-in page downloads the same file (linked from the obligations page).
    Map<String, String> cookies =
        CodeFlowLogin.login(InterchangeAcceptanceAndPagesTest.appBase(), T, "initech-reviewer");
    String page =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/" + T + "/obligations/" + S)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String link = "/t/" + T + "/interchange/obligations/" + S + "/oscal-ssp.json";
    assertThat(page, containsString(link));
    assertEquals(
        new String(ssp, StandardCharsets.UTF_8),
        given().cookies(cookies).get(link).then().statusCode(200).extract().asString());
  }

  @Test
  void whoMayNotReadTheObligationsGetsWhatTheXlsxExportAnswers() {
    for (String user : List.of("helio-auditor", "helio-admin", "initech-reviewer")) {
      for (String service : List.of(S, "no-such-service")) {
        Response xlsx =
            given()
                .auth()
                .oauth2(Tokens.of(T, user))
                .accept("application/json")
                .get(API + service + "/export.xlsx");
        if (xlsx.statusCode() == 200) {
          continue; // the organization's own service: covered above
        }
        Response ssp = plan(user, service);
        assertEquals(xlsx.statusCode(), ssp.statusCode(), user + " " + service);
        assertEquals(xlsx.contentType(), ssp.contentType(), user + " " + service);
      }
    }
    // A token of another tenant: 401, like every tenant path.
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "acme-reviewer"))
        .get(API + S + "/interchange/oscal-ssp.json")
        .then()
        .statusCode(401);
  }
}
