package dev.tandem.signing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed annexes through the real application: the tenant's published keys (JWKS, public), the
 * PAdES signature of a downloaded annex checked offline and by pdfsig, detached signatures of the
 * other formats, and key rotation by the provider administrator and the platform operator — old
 * annexes still verify.
 */
@QuarkusTest
class SigningApiTest {
  /** The demo service with published versions in each tenant. */
  static String service(String tenant) {
    return "nimbus".equals(tenant) ? "object-storage" : "managed-postgres";
  }

  static RequestSpecification as(String tenant, String user) {
    return given().auth().oauth2(Tokens.of(tenant, user));
  }

  static String jwks(String tenant) {
    return given()
        .get("/t/" + tenant + "/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .contentType("application/jwk-set+json")
        .extract()
        .asString();
  }

  static int latest(String tenant) {
    return as(tenant, tenant + "-admin")
        .accept(ContentType.JSON)
        .get("/t/" + tenant + "/api/services/" + service(tenant))
        .then()
        .statusCode(200)
        .extract()
        .path("latestPublished");
  }

  static String annex(String tenant, int n, String ext) {
    return "/t/" + tenant + "/api/services/" + service(tenant) + "/versions/" + n + "/annex." + ext;
  }

  @Test
  void theJwksIsPublicAndNamesEveryKeyWithItsDates() {
    String body = jwks("nimbus");
    JsonPath keys = JsonPath.from(body);
    assertThat(keys.getList("keys"), not(hasSize(0)));
    assertEquals("EC", keys.getString("keys[0].kty"));
    assertEquals("P-256", keys.getString("keys[0].crv"));
    assertEquals("ES256", keys.getString("keys[0].alg"));
    assertTrue(keys.getString("keys[0].kid").length() > 20);
    assertTrue(keys.getString("keys[0].created").startsWith("20"));
    assertEquals(2, keys.getList("keys[0].x5c").size());
    assertThat(body, not(containsString("\"d\"")));
    List<Jwks.Key> parsed = Jwks.parse(body);
    assertThat(
        parsed.get(0).certificate().getSubjectX500Principal().getName(),
        containsString("CN=Nimbus Cloud GmbH"));
    assertTrue(Certificates.issuedBy(parsed.get(0).certificate(), parsed.get(0).ca().get()));
    given()
        .get("/t/nimbus/.well-known/jwks.json")
        .then()
        .header("Cache-Control", containsString("public"));
  }

  @Test
  void anUnknownTenantsJwksAnswersLikeAnyUnknownPath() {
    Response jwks = given().get("/t/no-such-tenant/.well-known/jwks.json");
    Response other = given().get("/t/no-such-tenant/anything");
    assertEquals(404, jwks.statusCode());
    assertEquals(other.statusCode(), jwks.statusCode());
    assertEquals(other.contentType(), jwks.contentType());
    assertEquals(
        other.asString().replaceAll("\"instance\":\"[^\"]*\"", ""),
        jwks.asString().replaceAll("\"instance\":\"[^\"]*\"", ""));
  }

  @Test
  void aDownloadedAnnexVerifiesOfflineAndWithPdfsigAndATamperedOneDoesNot() throws Exception {
    int n = latest("nimbus");
    byte[] pdf = as("nimbus", "acme-reviewer").get(annex("nimbus", n, "pdf")).asByteArray();
    OfflineVerifier verifier = new OfflineVerifier(Jwks.parse(jwks("nimbus")));
    OfflineVerifier.Report valid = verifier.verify(pdf, null);
    assertTrue(valid.valid(), valid.text("annex.pdf"));
    String pdfsig = Tools.pdfsig(pdf, "api-annex.pdf");
    assertThat(pdfsig, containsString("Signature Validation: Signature is Valid."));
    assertThat(pdfsig, containsString("Signer Certificate Common Name: Nimbus Cloud GmbH"));
    assertThat(pdfsig, containsString("Total document signed"));

    byte[] tampered = pdf.clone();
    tampered[tampered.length / 2] ^= 1;
    OfflineVerifier.Report invalid = verifier.verify(tampered, null);
    assertFalse(invalid.valid(), invalid.text("tampered.pdf"));
    assertThat(
        Tools.pdfsig(tampered, "api-tampered.pdf"), not(containsString("Signature is Valid")));
  }

  @Test
  void otherFormatsHaveADetachedSignatureBesideThemAndPdfHasNone() {
    int n = latest("nimbus");
    OfflineVerifier verifier = new OfflineVerifier(Jwks.parse(jwks("nimbus")));
    for (String ext : List.of("md", "docx", "html")) {
      byte[] file = as("nimbus", "globex-signatory").get(annex("nimbus", n, ext)).asByteArray();
      Response sig = as("nimbus", "globex-signatory").get(annex("nimbus", n, ext + ".jws"));
      sig.then().statusCode(200).contentType("application/jose");
      assertEquals(
          "attachment; filename=\"nimbus-object-storage-v" + n + "-annex." + ext + ".jws\"",
          sig.header("Content-Disposition"));
      byte[] jws = sig.asByteArray();
      assertTrue(verifier.verify(jws, file).valid(), ext);
      byte[] changed = file.clone();
      changed[changed.length - 1] ^= 1;
      assertFalse(verifier.verify(jws, changed).valid(), ext + " changed");
    }
    as("nimbus", "nimbus-admin").get(annex("nimbus", n, "pdf.jws")).then().statusCode(404);
    as("nimbus", "nimbus-admin").get(annex("nimbus", n, "exe.jws")).then().statusCode(404);
    as("nimbus", "acme-reviewer").get(annex("nimbus", 9999, "md.jws")).then().statusCode(404);
  }

  @Test
  void afterARotationTheNewKeySignsAndOldAnnexesStillVerify() {
    int n = latest("helio");
    byte[] before = as("helio", "helio-admin").get(annex("helio", n, "pdf")).asByteArray();
    String oldKid = JsonPath.from(jwks("helio")).getString("keys.find { !it.retired }.kid");

    String newKid =
        as("helio", "helio-admin")
            .post("/t/helio/api/signing/keys/rotate")
            .then()
            .statusCode(200)
            .body("subject", containsString("CN=Helio"))
            .body("jwks", org.hamcrest.Matchers.is("/t/helio/.well-known/jwks.json"))
            .extract()
            .path("kid");
    assertNotEquals(oldKid, newKid);

    JsonPath keys = JsonPath.from(jwks("helio"));
    assertEquals(newKid, keys.getString("keys.find { !it.retired }.kid"));
    assertThat(
        keys.getString("keys.find { it.kid == '" + oldKid + "' }.retired"), not(nullValue()));
    OfflineVerifier verifier = new OfflineVerifier(Jwks.parse(jwks("helio")));
    OfflineVerifier.Report old = verifier.verify(before, null);
    assertTrue(old.valid(), old.text("before-rotation.pdf"));
    assertThat(old.text("x"), containsString(oldKid + " (published; created"));
    assertThat(old.text("x"), containsString("retired"));

    byte[] after = as("helio", "helio-admin").get(annex("helio", n, "pdf")).asByteArray();
    OfflineVerifier.Report fresh = verifier.verify(after, null);
    assertTrue(fresh.valid(), fresh.text("after-rotation.pdf"));
    assertThat(fresh.text("x"), containsString(newKid + " (published; created"));
    assertFalse(java.util.Arrays.equals(before, after), "re-signed with the new key");
    // ... and the regenerated annex is again byte-identical while the key stays.
    assertArrayEquals(
        after, as("helio", "initech-reviewer").get(annex("helio", n, "pdf")).asByteArray());
  }

  @Test
  void onlyTheProviderAdministratorAndThePlatformOperatorRotate() {
    for (String user : List.of("helio-author", "helio-auditor")) {
      as("helio", user).post("/t/helio/api/signing/keys/rotate").then().statusCode(403);
    }
    for (String user : List.of("initech-reviewer", "umbra-signatory")) {
      as("helio", user).post("/t/helio/api/signing/keys/rotate").then().statusCode(404);
    }
    given().post("/t/helio/api/signing/keys/rotate").then().statusCode(401);
    as("nimbus", "nimbus-admin").post("/t/helio/api/signing/keys/rotate").then().statusCode(401);

    String before = JsonPath.from(jwks("nimbus")).getString("keys.find { !it.retired }.kid");
    String kid =
        given()
            .auth()
            .oauth2(Tokens.operator())
            .post("/platform/api/tenants/nimbus/signing-key/rotate")
            .then()
            .statusCode(200)
            .body("jwks", org.hamcrest.Matchers.is("/t/nimbus/.well-known/jwks.json"))
            .extract()
            .path("kid");
    assertNotEquals(before, kid);
    assertEquals(kid, JsonPath.from(jwks("nimbus")).getString("keys.find { !it.retired }.kid"));
    given()
        .auth()
        .oauth2(Tokens.operator())
        .post("/platform/api/tenants/no-such-tenant/signing-key/rotate")
        .then()
        .statusCode(404);
  }

  @Test
  void theVerificationCommandRunsWithoutTheServer() throws Exception {
    int n = latest("nimbus");
    byte[] pdf = as("nimbus", "nimbus-admin").get(annex("nimbus", n, "pdf")).asByteArray();
    java.nio.file.Path keys =
        Tools.file("nimbus-jwks.json", jwks("nimbus").getBytes(StandardCharsets.UTF_8));
    java.nio.file.Path valid = Tools.file("nimbus-annex.pdf", pdf);
    byte[] bad = pdf.clone();
    bad[bad.length / 2] ^= 1;
    java.nio.file.Path tampered = Tools.file("nimbus-annex-tampered.pdf", bad);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code =
        Verify.run(
            new String[] {"--keys", keys.toString(), valid.toString()},
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    System.out.println("[verify-command] valid annex, exit " + code + ":\n" + out);
    assertEquals(0, code);
    out.reset();
    code =
        Verify.run(
            new String[] {"--keys", keys.toString(), tampered.toString()},
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    System.out.println("[verify-command] tampered annex, exit " + code + ":\n" + out);
    assertEquals(1, code);
    assertThat(out.toString(), containsString("INVALID"));
  }
}
