package dev.tandem.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A tenant key as published in its JWKS: id, certificate (and the CA's), when it was created and
 * when it stopped signing (null while it is the key in use). Public material only.
 */
public record PublishedKey(
    String kid, Instant created, Instant retired, X509Certificate certificate, X509Certificate ca) {
  public boolean active() {
    return retired == null;
  }
}
