package dev.tandem.signing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signing keys made in memory for plain tests: a platform CA and tenant keys issued by it, exactly
 * as {@code TenantKeys} makes them, with the JWKS a tenant would publish.
 */
public final class TestKeys {
  private final KeyPair caPair = Ecdsa.generate();
  private final X509Certificate ca =
      Certificates.ca("Tandem Test CA", caPair, BigInteger.valueOf(1));
  private final List<PublishedKey> published = new ArrayList<>();
  private final String tenant;
  private final String legalName;

  public TestKeys(String tenant, String legalName) {
    this.tenant = tenant;
    this.legalName = legalName;
  }

  /** A new key of the tenant; the previous one is retired (a rotation). */
  public SigningIdentity newKey() {
    KeyPair pair = Ecdsa.generate();
    X509Certificate cert =
        Certificates.tenant(
            legalName,
            tenant,
            pair.getPublic(),
            BigInteger.valueOf(published.size() + 2),
            ca,
            caPair.getPrivate());
    String kid = Jwks.kid((ECPublicKey) pair.getPublic());
    Instant now = Instant.now();
    if (!published.isEmpty()) {
      PublishedKey last = published.remove(published.size() - 1);
      published.add(new PublishedKey(last.kid(), last.created(), now, last.certificate(), ca));
    }
    published.add(new PublishedKey(kid, now, null, cert, ca));
    return new SigningIdentity(tenant, kid, pair.getPrivate(), cert, ca);
  }

  /** The JWKS document as the tenant's well-known URL serves it. */
  public String jwks() {
    return new String(
        Jws.canonical(Jwks.document(published)), java.nio.charset.StandardCharsets.UTF_8);
  }

  public List<Jwks.Key> keys() {
    return Jwks.parse(jwks());
  }

  public X509Certificate ca() {
    return ca;
  }
}
