package dev.tandem.signing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tandem's JWS (receipts, detached annex signatures, checkpoints): they verify with the published
 * key set alone (Nimbus' standard verifier) and with openssl, and fail when anything changes.
 */
@Tag("fast")
class JwsTest {
  private final TestKeys keys = new TestKeys("helio", "Helio Hosting AG");

  static Map<String, Object> receipt() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "tandem.acceptance-receipt/1");
    p.put("tenant", "helio");
    p.put("service", "virtual-servers");
    p.put("version", 7);
    p.put("contentHash", "a".repeat(64));
    p.put("organization", "umbra-logistics");
    p.put("signerName", "Bill Lumbergh");
    p.put("signerTitle", "Vice President");
    p.put("acceptedAt", "2026-11-30T10:15:30.123456Z");
    p.put("deviationsHash", "b".repeat(64));
    p.put("acceptance", "7f1d3a5e-0000-4000-8000-000000000001");
    return p;
  }

  @Test
  void aReceiptVerifiesWithThePublishedKeysAloneAndFailsWhenAnyFieldChanges() throws Exception {
    SigningIdentity id = keys.newKey();
    String jws = Jws.compact(id, "JOSE", Jws.canonical(receipt()));
    OfflineVerifier verifier = new OfflineVerifier(keys.keys());
    OfflineVerifier.Report ok = verifier.verify(jws.getBytes(StandardCharsets.US_ASCII), null);
    assertTrue(ok.valid(), ok.text("receipt.jws"));
    assertEquals("acceptance receipt", ok.kind());
    assertThat(ok.text("x"), containsString("signerName: Bill Lumbergh"));

    String[] parts = jws.split("\\.");
    for (String field : receipt().keySet()) {
      Map<String, Object> changed = receipt();
      Object v = changed.get(field);
      changed.put(field, v instanceof Integer i ? i + 1 : v + "x");
      String forged = parts[0] + "." + Base64URL.encode(Jws.canonical(changed)) + "." + parts[2];
      OfflineVerifier.Report r = verifier.verify(forged.getBytes(StandardCharsets.US_ASCII), null);
      assertFalse(r.valid(), "changed " + field + " still verifies");
      assertThat(r.reason(), containsString("changed after signing"));
    }
  }

  @Test
  void signingIsDeterministic() {
    SigningIdentity id = keys.newKey();
    assertEquals(
        Jws.compact(id, "JOSE", Jws.canonical(receipt())),
        Jws.compact(id, "JOSE", Jws.canonical(receipt())));
  }

  @Test
  void opensslVerifiesTheEs256SignatureWithThePublicKeyOfTheJwks() throws Exception {
    SigningIdentity id = keys.newKey();
    String jws = Jws.compact(id, "JOSE", Jws.canonical(receipt()));
    String[] parts = jws.split("\\.");
    byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] der = Ecdsa.joseToDer(Base64URL.from(parts[2]).decode());
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.keys().get(0).certificate().getPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    Tools.Run good = Tools.opensslVerify(pem, der, input, "receipt");
    assertEquals(0, good.exit(), good.output());
    assertThat(good.output(), containsString("Verified OK"));
    input[input.length - 1] ^= 1;
    Tools.Run bad = Tools.opensslVerify(pem, der, input, "receipt-bad");
    assertFalse(bad.exit() == 0, bad.output());
  }

  @Test
  void aDetachedSignatureVerifiesOnlyWithTheExactFile() {
    SigningIdentity id = keys.newKey();
    byte[] annex = "# Contract annex\n\n| 5.1.1 | shared |\n".getBytes(StandardCharsets.UTF_8);
    String jws = Jws.detached(id, annex);
    assertTrue(jws.contains(".."), "detached: no payload between the dots");
    OfflineVerifier verifier = new OfflineVerifier(keys.keys());
    byte[] sig = jws.getBytes(StandardCharsets.US_ASCII);
    assertTrue(verifier.verify(sig, annex).valid());
    byte[] changed = annex.clone();
    changed[3] = 'c';
    assertFalse(verifier.verify(sig, changed).valid());
    OfflineVerifier.Report noFile = verifier.verify(sig, null);
    assertFalse(noFile.valid());
    assertThat(noFile.reason(), containsString("--content"));
  }

  @Test
  void onlyEs256WithAPublishedKeyIsAccepted() {
    keys.newKey();
    OfflineVerifier verifier = new OfflineVerifier(keys.keys());
    String none =
        Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode("{}") + ".c2lnbmF0dXJl";
    assertFalse(verifier.verify(none.getBytes(), null).valid());
    SigningIdentity stranger = new TestKeys("helio", "Helio Hosting AG").newKey();
    OfflineVerifier.Report r =
        verifier.verify(Jws.compact(stranger, "JOSE", Jws.canonical(receipt())).getBytes(), null);
    assertFalse(r.valid());
    assertThat(r.reason(), containsString("not among the published keys"));
  }

  @Test
  void aCheckpointCarriesAVerifiableTimeStamp() throws Exception {
    SigningIdentity id = keys.newKey();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", "tandem.audit-checkpoint/1");
    payload.put("tenant", "helio");
    payload.put("number", 42);
    payload.put("hash", "c".repeat(64));
    payload.put("signedAt", "2026-12-01T10:00:00Z");
    try (TestTsa tsa = new TestTsa()) {
      Jws.Parts parts = Jws.sign(id, "JOSE+JSON", Jws.canonical(payload));
      byte[] token =
          new TimeStamps.Client(tsa.url()).stamp(Base64URL.from(parts.signature()).decode());
      String json = Jws.flattened(parts, Map.of("tst", Base64.getEncoder().encodeToString(token)));
      OfflineVerifier.Report r = new OfflineVerifier(keys.keys()).verify(json.getBytes(), null);
      assertTrue(r.valid(), r.text("checkpoint.json"));
      assertThat(r.text("x"), containsString("time-stamp: "));
      assertThat(r.text("x"), containsString("entry 42 of tenant helio"));
      // A token over another signature does not count.
      String other =
          Jws.flattened(
              Jws.sign(id, "JOSE+JSON", Jws.canonical(Map.of("type", "tandem.audit-checkpoint/1"))),
              Map.of("tst", Base64.getEncoder().encodeToString(token)));
      assertFalse(new OfflineVerifier(keys.keys()).verify(other.getBytes(), null).valid());
    }
  }
}
