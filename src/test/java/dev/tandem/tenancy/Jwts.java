package dev.tandem.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Helpers to forge and tamper with JWTs for attack tests. */
final class Jwts {
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();

  private Jwts() {}

  static String header(String token) {
    return new String(DEC.decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
  }

  static String payload(String token) {
    return new String(DEC.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  static String b64(String json) {
    return ENC.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Same header and signature, different payload. */
  static String withPayload(String token, String payloadJson) {
    String[] p = token.split("\\.");
    return p[0] + "." + b64(payloadJson) + "." + p[2];
  }

  /** The payload unsigned, with alg none. */
  static String algNone(String token) {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";
  }

  /**
   * The payload signed with HS256, using the given bytes (e.g. the realm's public key) as secret.
   */
  static String hs256(String token, byte[] secret, String kid) throws Exception {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
    String signingInput = header + "." + token.split("\\.")[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return signingInput
        + "."
        + ENC.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
  }
}
