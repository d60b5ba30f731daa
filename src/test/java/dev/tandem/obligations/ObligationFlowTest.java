package dev.tandem.obligations;

import static dev.tandem.obligations.ObligationApi.S;
import static dev.tandem.obligations.ObligationApi.T;
import static dev.tandem.obligations.ObligationApi.shared;
import static dev.tandem.review.ReviewApi.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Obligations end to end on helio/virtual-servers through the API: created by an acceptance,
 * carried over by a re-acceptance (unchanged kept, changed flagged, moved to the provider closed,
 * moved to the customer added), material-change notice with deadline and e-mail, provider's
 * deadlines and the status it sees only where the organization shares it.
 */
@QuarkusTest
class ObligationFlowTest {
  private static final String INITECH_MAIL = "security-review@initech.helio.customers.example";

  @Inject MockMailbox mailbox;

  private static String api(String path) {
    return "/t/" + T + "/api" + path;
  }

  @Test
  void acceptanceCreatesObligationsAndReacceptanceCarriesThemOver() throws Exception {
    String tag = Long.toString(System.nanoTime());
    int v1 =
        ObligationApi.publish(
            Map.of(
                "6.1.1", shared("Roles " + tag, "Name your security roles."),
                "6.1.2", shared("Duties " + tag, "Separate your admin duties."),
                "6.1.3", shared("Contacts " + tag, "Keep your authority contacts."),
                "6.1.4", shared("Groups " + tag, "Join interest groups."),
                "6.1.5", new ObligationApi.Terms(true, "provider", "We do it " + tag, null)));
    ObligationApi.accept("initech", v1);
    as(T, "initech-reviewer").get(api("/obligations/services/" + S)).then().statusCode(200);
    JsonPath ws = ObligationApi.obligations("initech-reviewer", null);
    assertEquals(v1, ws.getInt("acceptedVersion"));
    List<String> controls = ws.getList("obligations.controlId");
    assertThat(controls, hasItem("6.1.1"));
    assertThat(controls, not(hasItem("6.1.5")));
    // One obligation per control the agreed responsibility leaves to the customer (or shares).
    JsonPath matrix =
        as(T, "initech-reviewer")
            .get(api("/services/" + S + "/versions/" + v1))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    long duties =
        matrix.getList("controls.statement", Map.class).stream()
            .filter(s -> s != null && Boolean.TRUE.equals(s.get("applicable")))
            .filter(s -> !"provider".equals(s.get("responsibility")))
            .count();
    assertEquals(duties, ws.getInt("progress.total"));
    assertThat(ws.getString("overview.total.provider"), notNullValue());

    // The customer answers one obligation.
    Map<String, Object> o611 = ObligationApi.obligation("initech-reviewer", "6.1.1");
    as(T, "initech-reviewer")
        .body(
            Map.of(
                "owner",
                "initech-reviewer",
                "status",
                "implemented",
                "statement",
                "Our ISMS names the roles " + tag,
                "evidence",
                List.of("ISMS-7"),
                "dueDate",
                "2027-03-31",
                "reviewed",
                true))
        .put(api("/obligations/" + o611.get("id")))
        .then()
        .statusCode(200);
    // Who reviewed and changed it is kept by name; the page and the API show it, not the user name.
    Map<String, Object> answered = ObligationApi.obligation("initech-reviewer", "6.1.1");
    assertEquals("initech-reviewer", answered.get("lastReviewedBy"));
    assertEquals("Irene Reviewer", answered.get("lastReviewedByName"));
    assertEquals("Irene Reviewer", answered.get("updatedByName"));
    String page =
        given()
            .redirects()
            .follow(false)
            .cookies(
                CodeFlowLogin.login(
                    RestAssured.baseURI + ":" + RestAssured.port, T, "initech-reviewer"))
            .accept("text/html")
            .get("/t/" + T + "/obligations/items/" + o611.get("id"))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page, containsString(" by Irene Reviewer · last change by Irene Reviewer."));
    assertThat(page, not(containsString("by initech-reviewer")));
    // An obligation the acceptance created names who signed in to accept.
    assertEquals(
        "Isaac Signatory",
        ObligationApi.obligation("initech-reviewer", "6.1.2").get("updatedByName"));
    // A risk acceptance needs a reason; an owner must be a user of the organization.
    as(T, "initech-reviewer")
        .body(Map.of("status", "risk_accepted"))
        .put(api("/obligations/" + o611.get("id")))
        .then()
        .statusCode(400);
    as(T, "initech-reviewer")
        .body(Map.of("status", "open", "owner", "umbra-reviewer"))
        .put(api("/obligations/" + o611.get("id")))
        .then()
        .statusCode(400);

    // The provider sets a 30-day period and publishes a material change.
    as(T, "helio-admin")
        .body(Map.of("periodDays", 30))
        .put(api("/provider/services/" + S + "/reacceptance"))
        .then()
        .statusCode(200);
    mailbox.clear();
    Instant before = Instant.now();
    int v2 =
        ObligationApi.publish(
            Map.of(
                "6.1.2",
                shared("Duties " + tag, "Separate your admin duties and review them yearly."),
                "6.1.3",
                new ObligationApi.Terms(true, "provider", "We keep them " + tag, null),
                "6.1.4",
                shared("Groups, reworded " + tag, "Join interest groups."),
                "6.1.5",
                new ObligationApi.Terms(true, "customer", null, "Configure it yourself.")));
    JsonPath notice = ObligationApi.obligations("initech-reviewer", null);
    Map<String, Object> n = notice.getMap("notices[0]");
    assertEquals(v2, n.get("toVersion"));
    assertEquals(v1, n.get("fromVersion"));
    List<Map<String, Object>> changes = notice.getList("notices[0].changes");
    Map<String, Boolean> material = new java.util.HashMap<>();
    changes.forEach(c -> material.put((String) c.get("controlId"), (Boolean) c.get("material")));
    assertEquals(true, material.get("6.1.2"), "customer text changed");
    assertEquals(true, material.get("6.1.5"), "moved to the customer");
    assertEquals(false, material.get("6.1.4"), "only the provider's own text changed");
    Instant deadline = Instant.parse((String) n.get("deadline"));
    assertTrue(
        Duration.between(before.plus(Duration.ofDays(30)), deadline).abs().toMinutes() < 10,
        "deadline " + deadline);
    dev.tandem.review.MailPass.run(); // the notice's e-mail goes with the outbox job
    List<Mail> mails = mailbox.getMailsSentTo(INITECH_MAIL);
    String subject = "[Tandem] Version " + v2 + " of Virtual Servers: ";
    assertTrue(
        mails.stream().anyMatch(x -> x.getSubject().startsWith(subject)),
        "material-change e-mail: " + mails.stream().map(Mail::getSubject).toList());
    Mail m = mails.stream().filter(x -> x.getSubject().startsWith(subject)).findFirst().get();
    assertThat(m.getSubject(), containsString("material change"));
    assertThat(m.getText(), containsString("6.1.2"));
    assertThat(m.getText(), not(containsString("6.1.4 ")));
    // The provider's dashboard lists the deadline.
    JsonPath provider =
        as(T, "helio-auditor")
            .get(api("/provider/services/" + S + "/reacceptance"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(provider.getList("deadlines.organizationId"), hasItem("initech"));
    assertEquals(30, provider.getInt("periodDays"));

    // Re-acceptance carries the obligations over.
    ObligationApi.accept("initech", v2);
    Map<String, Object> kept = ObligationApi.obligation("initech-reviewer", "6.1.1");
    assertEquals("implemented", kept.get("status"));
    assertEquals("Our ISMS names the roles " + tag, kept.get("statement"));
    assertEquals(List.of("ISMS-7"), kept.get("evidence"));
    assertEquals(false, kept.get("recheck"));
    assertEquals(v2, kept.get("version"));
    Map<String, Object> changed = ObligationApi.obligation("initech-reviewer", "6.1.2");
    assertEquals(true, changed.get("recheck"));
    assertThat(changed.get("change").toString(), containsString("review them yearly"));
    assertThat(ObligationApi.obligation("initech-reviewer", "6.1.3"), nullValue());
    Map<String, Object> closed = ObligationApi.closed("initech-reviewer", "6.1.3");
    assertThat((String) closed.get("closedNote"), containsString("provider"));
    Map<String, Object> added = ObligationApi.obligation("initech-reviewer", "6.1.5");
    assertEquals("open", added.get("status"));
    assertEquals("customer", added.get("responsibility"));
    // The notice is resolved: no open deadline for initech any more.
    JsonPath after =
        as(T, "helio-auditor")
            .get(api("/provider/services/" + S + "/reacceptance"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(after.getList("deadlines.organizationId"), not(hasItem("initech")));
    // Marking the changed one reviewed clears the flag.
    as(T, "initech-reviewer")
        .body(Map.of("status", "in_progress", "reviewed", true))
        .put(api("/obligations/" + changed.get("id")))
        .then()
        .statusCode(200)
        .body("recheck", is(false));

    // The export: the customer's part of its Statement of Applicability.
    byte[] xlsx =
        as(T, "initech-reviewer")
            .accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .get(api("/obligations/services/" + S + "/export.xlsx"))
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      var sheet = book.getSheet("Obligations");
      String all = "";
      for (var row : sheet) {
        for (var cell : row) {
          all += cell.getStringCellValue() + "|";
        }
      }
      assertThat(all, containsString("Our ISMS names the roles " + tag));
      assertThat(all, containsString("Initech"));
      assertThat(all, containsString(" Irene Reviewer|"));
      assertThat(sheet.getLastRowNum(), greaterThan(5));
    }
    as(T, "helio-admin")
        .body(Map.of("periodDays", 0))
        .put(api("/provider/services/" + S + "/reacceptance"))
        .then()
        .statusCode(200);
  }

  @Test
  void oneOrganizationNeverSeesAnothersObligationsAndTheProviderOnlySharedStatus() {
    int v =
        ObligationApi.publish(
            Map.of("7.1.1", shared("Screening " + System.nanoTime(), "Screen your staff.")));
    ObligationApi.accept("initech", v);
    ObligationApi.accept("umbra", v);
    Map<String, Object> initech = ObligationApi.obligation("initech-reviewer", "7.1.1");
    String id = (String) initech.get("id");
    // Umbra: another organization's obligation answers like a missing one.
    String missing = "00000000-0000-4000-8000-0000000000ff";
    for (String method : List.of("GET", "PUT")) {
      var foreign =
          as(T, "umbra-reviewer")
              .body(Map.of("status", "implemented"))
              .request(method, api("/obligations/" + id));
      var none =
          as(T, "umbra-reviewer")
              .body(Map.of("status", "implemented"))
              .request(method, api("/obligations/" + missing));
      assertEquals(404, foreign.statusCode(), method);
      assertEquals(none.asString(), foreign.asString(), method);
    }
    assertThat(
        ObligationApi.obligations("umbra-reviewer", "state=all").getList("obligations.id"),
        not(hasItem(id)));
    // The provider sees nothing until initech shares, then the status only.
    as(T, "initech-reviewer")
        .body(Map.of("shared", false))
        .put(api("/obligations/services/" + S + "/sharing"))
        .then()
        .statusCode(200);
    var hidden =
        as(T, "helio-auditor").get(api("/provider/services/" + S + "/obligations/initech"));
    var nobody =
        as(T, "helio-auditor").get(api("/provider/services/" + S + "/obligations/no-such-org"));
    assertEquals(404, hidden.statusCode());
    assertEquals(nobody.asString(), hidden.asString());
    as(T, "helio-auditor")
        .get(api("/provider/services/" + S + "/reacceptance"))
        .then()
        .statusCode(200)
        .body("shared.organizationId", not(hasItem("initech")));
    as(T, "initech-reviewer")
        .body(Map.of("shared", true))
        .put(api("/obligations/services/" + S + "/sharing"))
        .then()
        .statusCode(200);
    String body =
        as(T, "helio-auditor")
            .get(api("/provider/services/" + S + "/obligations/initech"))
            .then()
            .statusCode(200)
            .body("statuses.'7.1.1'", is("open"))
            .extract()
            .asString();
    assertThat(body, not(containsString("statement")));
    assertThat(body, not(containsString("owner")));
    assertThat(body, not(containsString("Screen your staff")));
    // Customers never reach the provider side (404 like a missing path).
    as(T, "umbra-reviewer")
        .get(api("/provider/services/" + S + "/obligations/initech"))
        .then()
        .statusCode(404);
    as(T, "initech-reviewer")
        .body(Map.of("shared", false))
        .put(api("/obligations/services/" + S + "/sharing"))
        .then()
        .statusCode(200);
  }
}
