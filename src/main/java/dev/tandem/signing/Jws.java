package dev.tandem.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * JSON Web Signatures (RFC 7515, ES256) made by Tandem: compact with the payload attached
 * (acceptance receipts), compact with the payload detached (RFC 7515 appendix F: the signature of
 * an annex file downloaded beside it), and the flattened JSON serialization (audit checkpoints,
 * whose unprotected header may carry an RFC 3161 time-stamp token as {@code tst}).
 *
 * <p>The protected header is RFC 8785 canonical JSON and the signature deterministic ({@link
 * Ecdsa}), so signing the same payload with the same key gives the same JWS. Verification uses
 * Nimbus JOSE's standard verifier, not this class's signing code.
 */
public final class Jws {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Jws() {}

  /** Canonical JSON (RFC 8785) of a JSON-compatible value: maps, lists, strings, numbers. */
  public static byte[] canonical(Object value) {
    try {
      return new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getMessage(), e);
    }
  }

  /** The three parts of a JWS: base64url protected header, payload and signature. */
  record Parts(String header, String payload, String signature) {
    String compact() {
      return header + "." + payload + "." + signature;
    }

    String detached() {
      return header + ".." + signature;
    }
  }

  static Parts sign(SigningIdentity id, String typ, byte[] payload) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "ES256");
    header.put("kid", id.kid());
    if (typ != null) {
      header.put("typ", typ);
    }
    String h = Base64URL.encode(canonical(header)).toString();
    String p = Base64URL.encode(payload).toString();
    byte[] input = (h + "." + p).getBytes(StandardCharsets.US_ASCII);
    String s = Base64URL.encode(Ecdsa.signJose(id.privateKey(), input)).toString();
    return new Parts(h, p, s);
  }

  /** A compact JWS over the payload (attached). */
  public static String compact(SigningIdentity id, String typ, byte[] payload) {
    return sign(id, typ, payload).compact();
  }

  /** A compact JWS with detached payload: {@code header..signature}, over {@code content}. */
  public static String detached(SigningIdentity id, byte[] content) {
    return sign(id, null, content).detached();
  }

  /**
   * The flattened JSON serialization (RFC 7515 §7.2.2) of a JWS over the payload, with an optional
   * unprotected header (e.g. {@code {"tst": "<base64 RFC 3161 token>"}}), as canonical JSON.
   */
  public static String flattened(
      SigningIdentity id, String typ, byte[] payload, Map<String, Object> unprotected) {
    Parts parts = sign(id, typ, payload);
    return flattened(parts, unprotected);
  }

  static String flattened(Parts parts, Map<String, Object> unprotected) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("protected", parts.header());
    doc.put("payload", parts.payload());
    doc.put("signature", parts.signature());
    if (unprotected != null && !unprotected.isEmpty()) {
      doc.put("header", unprotected);
    }
    return new String(canonical(doc), StandardCharsets.UTF_8);
  }

  /** What a successful verification found. */
  public record Verified(String kid, Jwks.Key key, byte[] payload, Map<String, Object> header) {}

  /** A JWS that does not verify, and why. */
  public static final class Invalid extends Exception {
    public Invalid(String reason) {
      super(reason);
    }
  }

  /**
   * Verifies a compact JWS (attached, or detached with {@code detachedContent}) against the keys:
   * ES256 only, the key named by {@code kid} must be in the set.
   */
  public static Verified verify(String compact, byte[] detachedContent, List<Jwks.Key> keys)
      throws Invalid {
    JWSObject jws;
    try {
      jws =
          detachedContent == null
              ? JWSObject.parse(compact.trim())
              : JWSObject.parse(compact.trim(), new Payload(detachedContent));
    } catch (ParseException e) {
      throw new Invalid("not a JWS: " + e.getMessage());
    }
    return verify(jws, keys);
  }

  /** Verifies the flattened JSON serialization; returns also its unprotected header. */
  public static Verified verifyFlattened(String json, List<Jwks.Key> keys) throws Invalid {
    Map<String, Object> doc;
    try {
      doc = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new Invalid("not JSON: " + e.getMessage());
    }
    Object h = doc.get("protected");
    Object p = doc.get("payload");
    Object s = doc.get("signature");
    if (!(h instanceof String) || !(p instanceof String) || !(s instanceof String)) {
      throw new Invalid("not a flattened JWS (protected, payload, signature)");
    }
    JWSObject jws;
    try {
      jws = JWSObject.parse(h + "." + p + "." + s);
    } catch (ParseException e) {
      throw new Invalid("not a JWS: " + e.getMessage());
    }
    Verified v = verify(jws, keys);
    @SuppressWarnings("unchecked")
    Map<String, Object> unprotected =
        doc.get("header") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new Verified(v.kid(), v.key(), v.payload(), unprotected);
  }

  private static Verified verify(JWSObject jws, List<Jwks.Key> keys) throws Invalid {
    if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
      throw new Invalid("algorithm " + jws.getHeader().getAlgorithm() + " is not ES256");
    }
    String kid = jws.getHeader().getKeyID();
    Optional<Jwks.Key> key = keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    if (key.isEmpty()) {
      throw new Invalid("signed with key " + kid + ", which is not among the published keys");
    }
    try {
      if (!jws.verify(new ECDSAVerifier(key.get().jwk()))) {
        throw new Invalid(
            "the signature does not match the signed content: it was changed after signing");
      }
    } catch (JOSEException e) {
      throw new Invalid("cannot verify: " + e.getMessage());
    }
    return new Verified(kid, key.get(), jws.getPayload().toBytes(), Map.of());
  }

  /** Reads a JSON object payload. */
  public static Map<String, Object> json(byte[] payload) throws Invalid {
    try {
      return JSON.readValue(payload, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new Invalid("the payload is not a JSON object");
    } catch (IOException e) {
      throw new Invalid("the payload is not a JSON object");
    }
  }
}
