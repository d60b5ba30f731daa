package dev.tandem.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogResourceTest {

  private static JsonPath iso27017(String tenant, String user) {
    return given()
        .auth()
        .oauth2(Tokens.of(tenant, user))
        .when()
        .get("/t/" + tenant + "/api/catalogs/iso27017-2015")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void iso27017HasAll121ControlsIncludingTheSevenCloudControls() {
    JsonPath c = iso27017("nimbus", "nimbus-author");
    assertThat(c.getList("controls"), 121);
    List<String> ids = c.getList("controls.id");
    org.hamcrest.MatcherAssert.assertThat(
        ids,
        hasItems(
            "5.1.1",
            "18.2.3",
            "CLD.6.3.1",
            "CLD.8.1.5",
            "CLD.9.5.1",
            "CLD.9.5.2",
            "CLD.12.1.5",
            "CLD.12.4.5",
            "CLD.13.1.4"));
    org.hamcrest.MatcherAssert.assertThat(
        ids.stream().filter(i -> i.startsWith("CLD.")).toList(), hasSize(7));
  }

  private static void assertThat(List<?> list, int size) {
    org.hamcrest.MatcherAssert.assertThat(list, hasSize(size));
  }

  @Test
  void controlsCarryClauseCategoryAndTheir2022Mapping() {
    JsonPath c = iso27017("helio", "initech-reviewer");
    String base = "controls.find { it.id == '9.4.2' }";
    org.hamcrest.MatcherAssert.assertThat(c.getString(base + ".groups[0].id"), is("9"));
    org.hamcrest.MatcherAssert.assertThat(c.getString(base + ".groups[0].level"), is("Clause"));
    org.hamcrest.MatcherAssert.assertThat(c.getString(base + ".groups[1].id"), is("9.4"));
    org.hamcrest.MatcherAssert.assertThat(
        c.getString(base + ".mappings[0].catalog"), is("iso27002-2022"));
    org.hamcrest.MatcherAssert.assertThat(
        c.getList(base + ".mappings[0].controls.id"), hasItems("8.5"));
    // Cloud controls have no 27002:2022 counterpart in Annex B.
    org.hamcrest.MatcherAssert.assertThat(
        c.getList("controls.find { it.id == 'CLD.9.5.1' }.mappings[0].controls"), empty());
    // 14 clauses (5–18), each a top-level group.
    org.hamcrest.MatcherAssert.assertThat(
        c.getList("groups.findAll { it.level == 0 }"), hasSize(14));
    org.hamcrest.MatcherAssert.assertThat(c.getString("attribution"), containsString("ISO/IEC"));
  }

  @Test
  void iso27002Of2022Has93Controls() {
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "nimbus-auditor"))
        .when()
        .get("/t/nimbus/api/catalogs/iso27002-2022")
        .then()
        .statusCode(200)
        .body("controls", hasSize(93));
  }

  @Test
  void unknownCatalogIsA404Problem() {
    given()
        .auth()
        .oauth2(Tokens.of("nimbus", "nimbus-author"))
        .when()
        .get("/t/nimbus/api/catalogs/nist-800-53")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void catalogNeedsAToken() {
    given().when().get("/t/nimbus/api/catalogs/iso27017-2015").then().statusCode(401);
  }
}
