package dev.tandem.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's published keys as a JSON Web Key Set (RFC 7517): per key its id (the RFC 7638
 * thumbprint), the P-256 public key, {@code x5c} (the tenant certificate and the platform CA), and
 * the members {@code created} and {@code retired} (RFC 3339; retired is absent while the key
 * signs). Standard JWKS readers ignore the two extra members.
 */
public final class Jwks {
  private Jwks() {}

  /** A published key read back from a JWKS: the JWK, its certificate chain and dates. */
  public record Key(
      String kid, ECKey jwk, List<X509Certificate> chain, Instant created, Instant retired) {
    public X509Certificate certificate() {
      return chain.isEmpty() ? null : chain.get(0);
    }

    public Optional<X509Certificate> ca() {
      return chain.size() > 1 ? Optional.of(chain.get(1)) : Optional.empty();
    }
  }

  /** The key id of a public key: its JWK thumbprint (RFC 7638, SHA-256, base64url). */
  public static String kid(ECPublicKey key) {
    try {
      return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JWKS document of the keys (oldest first). */
  public static Map<String, Object> document(List<PublishedKey> keys) {
    List<Object> list = new ArrayList<>();
    for (PublishedKey k : keys) {
      list.add(member(k));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("keys", list);
    return doc;
  }

  static Map<String, Object> member(PublishedKey k) {
    try {
      ECKey jwk =
          new ECKey.Builder(Curve.P_256, (ECPublicKey) k.certificate().getPublicKey())
              .keyID(k.kid())
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .x509CertChain(
                  List.of(
                      Base64.encode(Certificates.der(k.certificate())),
                      Base64.encode(Certificates.der(k.ca()))))
              .x509CertSHA256Thumbprint(
                  Base64URL.encode(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Certificates.der(k.certificate()))))
              .build();
      Map<String, Object> m = new LinkedHashMap<>(jwk.toJSONObject());
      m.put("created", k.created().toString());
      if (k.retired() != null) {
        m.put("retired", k.retired().toString());
      }
      return m;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a JWKS document (as published, or saved from the tenant's URL). */
  public static List<Key> parse(String json) {
    Map<String, Object> doc;
    try {
      doc = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
    } catch (ParseException e) {
      throw new IllegalArgumentException("The key set is not JSON: " + e.getMessage());
    }
    Object keys = doc.get("keys");
    if (!(keys instanceof List<?> list)) {
      throw new IllegalArgumentException("The key set has no \"keys\" array");
    }
    List<Key> result = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> raw)) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> member = (Map<String, Object>) raw;
      JWK jwk;
      try {
        jwk = JWK.parse(member);
      } catch (ParseException e) {
        throw new IllegalArgumentException("A key of the set is not a JWK: " + e.getMessage());
      }
      if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
        continue;
      }
      List<X509Certificate> chain = new ArrayList<>();
      if (jwk.getX509CertChain() != null) {
        for (Base64 der : jwk.getX509CertChain()) {
          chain.add(Certificates.parse(der.decode()));
        }
      }
      result.add(
          new Key(
              jwk.getKeyID(),
              ec,
              List.copyOf(chain),
              instant(member.get("created")),
              instant(member.get("retired"))));
    }
    return result;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.toString());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
