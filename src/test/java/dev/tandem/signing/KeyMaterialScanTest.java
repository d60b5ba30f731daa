package dev.tandem.signing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.attack.AttackFixtures;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.BigIntegers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * No private key and no master key leaves Tandem: every response of the signing features (keys,
 * annexes of every format and their signatures, receipts, rotations, audit verification,
 * checkpoints and export), and the log file, are searched for every encoding of the platform CA's
 * and every tenant key's private key and of the master key.
 */
@QuarkusTest
class KeyMaterialScanTest {
  @Inject KeyVault vault;
  @Inject PlatformCa ca;

  @ConfigProperty(name = "tandem.signing.master-key")
  String masterKey;

  /** What must never appear, by name, as text and as bytes. */
  private final Map<String, byte[]> secrets = new LinkedHashMap<>();

  private void secretText(String name, String value) {
    secrets.put(name, value.getBytes(StandardCharsets.US_ASCII));
  }

  private void collectSecrets() {
    byte[] master = Base64.getDecoder().decode(masterKey.trim());
    secretText("master key (as configured)", masterKey.trim());
    secretText(
        "master key (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(master));
    secretText("master key (hex)", HexFormat.of().formatHex(master));
    secrets.put("master key (bytes)", master);
    add("platform CA", ca.get().key());
    for (String tenant : List.of("nimbus", "helio")) {
      List<PrivateKey> keys =
          TenantContext.runAs(
              tenant,
              () ->
                  QuarkusTransaction.requiringNew()
                      .call(
                          () -> {
                            List<PrivateKey> all = new ArrayList<>();
                            for (StoredKey k : StoredKey.all()) {
                              all.add(vault.open(k.privateKey, TenantKeys.owner(tenant, k.kid)));
                            }
                            return all;
                          }));
      assertFalse(keys.isEmpty(), tenant + " has keys");
      for (int i = 0; i < keys.size(); i++) {
        add(tenant + " key " + (i + 1), keys.get(i));
      }
    }
  }

  private void add(String name, PrivateKey key) {
    byte[] d = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) key).getS());
    byte[] pkcs8 = key.getEncoded();
    secretText(
        name + " d (base64url, as a JWK 'd')",
        Base64.getUrlEncoder().withoutPadding().encodeToString(d));
    secretText(name + " d (base64)", Base64.getEncoder().encodeToString(d));
    secretText(name + " d (hex)", HexFormat.of().formatHex(d));
    secretText(
        name + " PKCS#8 (base64, first PEM line)",
        Base64.getEncoder().encodeToString(pkcs8).substring(0, 64));
    secrets.put(name + " d (bytes)", d);
    secrets.put(name + " PKCS#8 (bytes)", pkcs8);
  }

  private final List<String> leaks = new ArrayList<>();
  private int scanned;

  private void scan(String where, byte[] body) {
    scanned++;
    for (Map.Entry<String, byte[]> s : secrets.entrySet()) {
      if (indexOf(body, s.getValue()) >= 0) {
        leaks.add(s.getKey() + " in " + where);
      }
    }
  }

  private static RequestSpecification as(String tenant, String user) {
    return given().auth().oauth2(Tokens.of(tenant, user));
  }

  private byte[] get(String where, RequestSpecification spec, String path) {
    byte[] body = spec.get(path).then().statusCode(200).extract().asByteArray();
    scan(where + " " + path, body);
    return body;
  }

  @Test
  void noPrivateOrMasterKeyInAnyResponseLogOrExport() throws Exception {
    AttackFixtures.prepare(); // an acceptance of acme-bank (nimbus) to download the receipt of
    // Every key exists before the secrets are collected: rotate once in each tenant.
    scan(
        "provider rotation",
        as("helio", "helio-admin")
            .post("/t/helio/api/signing/keys/rotate")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray());
    scan(
        "operator rotation",
        given()
            .auth()
            .oauth2(Tokens.operator())
            .post("/platform/api/tenants/nimbus/signing-key/rotate")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray());
    collectSecrets();

    for (String tenant : List.of("nimbus", "helio")) {
      get("jwks", given(), "/t/" + tenant + "/.well-known/jwks.json");
    }
    int n =
        as("nimbus", "nimbus-admin")
            .get("/t/nimbus/api/services/object-storage")
            .then()
            .statusCode(200)
            .extract()
            .path("latestPublished");
    String base = "/t/nimbus/api/services/object-storage/versions/" + n + "/annex.";
    for (String ext : List.of("pdf", "docx", "md", "html", "docx.jws", "md.jws", "html.jws")) {
      get("annex", as("nimbus", "acme-reviewer"), base + ext);
    }
    String acceptance =
        as("nimbus", "acme-reviewer")
            .get("/t/nimbus/api/review/services/object-storage/acceptances")
            .then()
            .statusCode(200)
            .extract()
            .path("[0].id");
    String accepted = "/t/nimbus/api/review/acceptances/" + acceptance;
    get("receipt", as("nimbus", "acme-signatory"), accepted + "/receipt.jws");
    get("acceptance annex", as("nimbus", "nimbus-auditor"), accepted + "/annex.pdf");
    get("acceptance annex", as("nimbus", "nimbus-auditor"), accepted + "/annex.md.jws");
    scan(
        "checkpoint",
        as("nimbus", "nimbus-admin").post("/t/nimbus/api/audit/checkpoints").asByteArray());
    for (String path : List.of("verification", "checkpoints", "export", "")) {
      get(
          "audit",
          as("nimbus", "nimbus-auditor"),
          "/t/nimbus/api/audit" + (path.isEmpty() ? "" : "/" + path));
    }
    get("openapi", given(), "/q/openapi");

    Path log = Path.of("target/quarkus-test.log");
    assertTrue(Files.exists(log), "the test log exists");
    scan("the log file " + log, Files.readAllBytes(log));

    System.out.printf(
        "[key-scan] %d secret encodings, %d responses and files searched%n",
        secrets.size(), scanned);
    assertEquals(List.of(), leaks);
    // The scan finds what it looks for: the secrets are where they belong, e.g. a PKCS#8 key.
    byte[] probe =
        ("x" + Base64.getEncoder().encodeToString(ca.get().key().getEncoded())).getBytes();
    int before = leaks.size();
    scan("probe", probe);
    assertTrue(leaks.size() > before, "the scan finds a planted key");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
