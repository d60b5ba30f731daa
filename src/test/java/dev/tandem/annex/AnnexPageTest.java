package dev.tandem.annex;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.tandem.core.Sha256;
import dev.tandem.testing.CodeFlowLogin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verification page, signed in through the real code flow. */
@QuarkusTest
class AnnexPageTest {
  static String appBase() {
    return RestAssured.baseURI + ":" + RestAssured.port;
  }

  static Response post(Map<String, String> cookies, String origin, String field, Object value) {
    var spec =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .accept("text/html")
            .header("Origin", origin);
    spec =
        value instanceof byte[] bytes
            ? spec.multiPart(field, "annex.pdf", bytes, "application/pdf")
            : spec.multiPart(field, (String) value);
    return spec.post("/t/nimbus/annex/verify");
  }

  @Test
  void pageVerifiesAnUploadedAnnexAndReportsAnAlteredOneAsNotIssued() {
    int n = AnnexApiTest.latest("nimbus", "nimbus-admin", AnnexApiTest.SERVICE);
    byte[] md =
        AnnexApiTest.download("nimbus", "acme-reviewer", AnnexApiTest.SERVICE, n, "md")
            .asByteArray();
    Map<String, String> cookies = CodeFlowLogin.login(appBase(), "nimbus", "acme-reviewer");
    Response form =
        given()
            .cookies(cookies)
            .accept("text/html")
            .redirects()
            .follow(false)
            .get("/t/nimbus/annex/verify");
    form.then().statusCode(200);
    assertThat(form.asString(), containsString("<label for=\"v-file\">"));
    // Only the pages' own external scripts; nothing inline, nothing injected.
    assertThat(
        form.asString().replaceAll("<script src=\"/js/[a-z-]+\\.js\" defer></script>", ""),
        not(containsString("<script")));

    Response issued = post(cookies, appBase(), "file", md);
    issued.then().statusCode(200);
    assertThat(issued.asString(), containsString("Issued by Nimbus Cloud GmbH"));
    assertThat(issued.asString(), containsString(AnnexApiTest.SERVICE));

    byte[] altered = md.clone();
    altered[0] ^= 1;
    Response notIssued = post(cookies, appBase(), "file", altered);
    notIssued.then().statusCode(200);
    assertThat(notIssued.asString(), containsString("Not issued by this tenant"));

    Response byHash = post(cookies, appBase(), "sha256", Sha256.hex(md));
    assertThat(byHash.asString(), containsString("Issued by Nimbus Cloud GmbH"));

    // The version page links the annex; the page download gives the same bytes as the API.
    String versionPage =
        given()
            .cookies(cookies)
            .accept("text/html")
            .get("/t/nimbus/publishing/services/" + AnnexApiTest.SERVICE + "/versions/" + n)
            .asString();
    String link =
        "/t/nimbus/annex/services/" + AnnexApiTest.SERVICE + "/versions/" + n + "/annex.md";
    assertThat(versionPage, containsString(link));
    Response fromPage = given().cookies(cookies).redirects().follow(false).get(link);
    fromPage.then().statusCode(200).contentType(containsString("text/markdown"));
    org.junit.jupiter.api.Assertions.assertArrayEquals(md, fromPage.asByteArray());

    // Another site cannot submit the form (CSRF guard: same-origin check).
    post(cookies, "https://attacker.example", "sha256", Sha256.hex(md)).then().statusCode(403);
  }
}
