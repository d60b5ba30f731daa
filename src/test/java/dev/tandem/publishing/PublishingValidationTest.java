package dev.tandem.publishing;

import static dev.tandem.publishing.Api.as;
import static dev.tandem.publishing.Api.base;
import static dev.tandem.publishing.Api.lockVersionOf;
import static dev.tandem.publishing.Api.openDraft;
import static dev.tandem.publishing.Api.put;
import static dev.tandem.publishing.Api.shared;
import static dev.tandem.publishing.Api.statement;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PublishingValidationTest {
  private static final String T = "nimbus";
  private static final String S = "object-storage";
  private static final String CONTROL = "11.1.1";

  @BeforeEach
  void draftIsOpen() {
    openDraft(T, S);
  }

  private static void assertInvalid(Map<String, Object> body, String field) {
    put(T, "nimbus-author", S, CONTROL, body)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", is(400))
        .body("errors.field", hasItem(field));
  }

  private static Map<String, Object> valid() {
    return new HashMap<>(shared("Valid text", 0));
  }

  @Test
  void notApplicableWithoutJustificationNamesJustification() {
    Map<String, Object> body = new HashMap<>();
    body.put("applicable", false);
    body.put("lockVersion", 0);
    assertInvalid(body, "justification");
  }

  @Test
  void unknownResponsibilityNamesResponsibility() {
    Map<String, Object> body = valid();
    body.put("responsibility", "everyone");
    assertInvalid(body, "responsibility");
  }

  @Test
  void sharedWithoutCustomerResponsibilityNamesIt() {
    Map<String, Object> body = valid();
    body.remove("customerResponsibility");
    assertInvalid(body, "customerResponsibility");
  }

  @Test
  void overlongImplementationNamesImplementation() {
    Map<String, Object> body = valid();
    body.put("implementation", "x".repeat(10_001));
    assertInvalid(body, "implementation");
  }

  @Test
  void missingLockVersionNamesLockVersion() {
    Map<String, Object> body = valid();
    body.remove("lockVersion");
    assertInvalid(body, "lockVersion");
  }

  @Test
  void malformedTagAndBlankEvidenceAreNamedByIndex() {
    Map<String, Object> body = valid();
    body.put("tags", List.of("ok", "Not A Tag"));
    body.put("evidence", List.of("fine", " "));
    put(T, "nimbus-author", S, CONTROL, body)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("tags[1]"))
        .body("errors.field", hasItem("evidence[1]"));
  }

  @Test
  void wrongJsonTypeIsA400Problem() {
    as(T, "nimbus-author")
        .contentType(ContentType.JSON)
        .body("{\"applicable\": \"perhaps\", \"lockVersion\": 0}")
        .when()
        .put(base(T, S) + "/drafts/current/statements/" + CONTROL)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("applicable"));
  }

  @Test
  void diffWithoutFromNamesTheParameter() {
    as(T, "nimbus-author")
        .queryParam("to", 2)
        .when()
        .get(base(T, S) + "/diff")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("from"));
  }

  @Test
  void unknownFilterValueNamesTheFilter() {
    as(T, "acme-reviewer")
        .queryParam("responsibility", "nobody")
        .when()
        .get(base(T, S) + "/versions/1")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("responsibility"));
  }

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ALLOWED_TAG =
      Pattern.compile(
          "</?(p|br|strong|em|code|pre|blockquote|ul|ol|li|h[3-6]|hr|table|thead|tbody|tr|th|td)>"
              + "|<a href=\"https://[^\"<>]*\" rel=\"(nofollow|noopener|noreferrer)"
              + "( (nofollow|noopener|noreferrer)){2}\">|</a>");

  /** The text a browser shows for the HTML: tags dropped, character references decoded. */
  private static String shownText(String html) {
    Matcher ref =
        Pattern.compile("&(#\\d+|lt|gt|amp|quot);").matcher(TAG.matcher(html).replaceAll(""));
    StringBuilder out = new StringBuilder();
    while (ref.find()) {
      String r = ref.group(1);
      String c =
          switch (r) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default -> String.valueOf((char) Integer.parseInt(r.substring(1)));
          };
      ref.appendReplacement(out, Matcher.quoteReplacement(c));
    }
    return ref.appendTail(out).toString();
  }

  @Test
  void rawHtmlIsShownAsTextAndJavascriptUrlsAreDropped() {
    long lock = lockVersionOf(statement(T, "nimbus-author", S, CONTROL));
    String payload =
        "**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)>"
            + " [click](javascript:alert(2)) <a href=\"JaVaScRiPt:alert(3)\">a</a>"
            + " <p onclick=\"alert(4)\" style=\"color:red\">para</p> <style>body{}</style>"
            + " [safe](https://nimbus.example/trust)";
    Map<String, Object> body = shared(payload, lock);
    String html =
        put(T, "nimbus-author", S, CONTROL, body)
            .then()
            .statusCode(200)
            .extract()
            .path("implementationHtml");
    // Every element left is on the allow-list, with no attribute but a link's href and rel.
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      assertThat(tag.group(), ALLOWED_TAG.matcher(tag.group()).matches(), is(true));
    }
    assertThat(html, not(containsStringIgnoringCase("href=\"javascript")));
    // Raw HTML is shown as the text that was typed, never interpreted.
    String shown = shownText(html);
    assertThat(shown, containsString("<script>alert('x')</script>"));
    assertThat(shown, containsString("<img src=x onerror=alert(1)>"));
    assertThat(html, containsString("<strong>Bold</strong>"));
    assertThat(html, containsString("<a href=\"https://nimbus.example/trust\" rel=\""));
    assertThat(html, containsString("nofollow"));
    assertThat(html, containsString("noopener"));
    // The Markdown source is kept as written; only the rendering is sanitized.
    as(T, "nimbus-author")
        .when()
        .get(base(T, S) + "/drafts/current/statements/" + CONTROL)
        .then()
        .body("statement.implementation", containsString("<script>"))
        .body("statement.implementationHtml", not(containsString("<script")));
  }
}
