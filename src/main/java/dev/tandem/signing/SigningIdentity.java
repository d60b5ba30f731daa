package dev.tandem.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's signing key in use: key id, private key, its certificate and the issuing platform CA.
 * The private key never leaves the signing package's code paths; {@link #toString} omits it.
 */
public final class SigningIdentity {
  private final String tenantId;
  private final String kid;
  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final X509Certificate ca;

  public SigningIdentity(
      String tenantId,
      String kid,
      PrivateKey privateKey,
      X509Certificate certificate,
      X509Certificate ca) {
    this.tenantId = Objects.requireNonNull(tenantId);
    this.kid = Objects.requireNonNull(kid);
    this.privateKey = Objects.requireNonNull(privateKey);
    this.certificate = Objects.requireNonNull(certificate);
    this.ca = Objects.requireNonNull(ca);
  }

  public String tenantId() {
    return tenantId;
  }

  public String kid() {
    return kid;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public X509Certificate ca() {
    return ca;
  }

  /** The certificate and its issuer, signer first. */
  public List<X509Certificate> chain() {
    return List.of(certificate, ca);
  }

  @Override
  public String toString() {
    return "SigningIdentity[tenant="
        + tenantId
        + ", kid="
        + kid
        + ", subject="
        + certificate.getSubjectX500Principal().getName()
        + "]";
  }
}
