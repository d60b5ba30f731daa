package dev.tandem.signing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * The platform CA that issues the tenants' signing certificates: created once, on first need (an
 * advisory lock makes replicas agree on one), then kept in memory. Its private key is stored sealed
 * like the tenants' keys.
 */
@ApplicationScoped
class PlatformCa {
  private static final Logger LOG = Logger.getLogger(PlatformCa.class);
  private static final String OWNER = "platform-ca";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The CA's certificate and key. */
  record Loaded(X509Certificate certificate, PrivateKey key) {
    @Override
    public String toString() {
      return "PlatformCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  private final KeyVault vault;
  private final SigningConfig config;
  private final EntityManager em;
  private volatile Loaded loaded;

  PlatformCa(KeyVault vault, SigningConfig config, EntityManager em) {
    this.vault = vault;
    this.config = config;
    this.em = em;
  }

  Loaded get() {
    Loaded l = loaded;
    if (l == null) {
      l = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
      loaded = l;
    }
    return l;
  }

  X509Certificate certificate() {
    return get().certificate();
  }

  private Loaded loadOrCreate() {
    StoredCa ca = StoredCa.findById(StoredCa.ID);
    if (ca == null) {
      em.createNativeQuery(
              "SELECT count(*) FROM pg_advisory_xact_lock(hashtext('tandem-signing-ca'))")
          .getSingleResult();
      ca = StoredCa.findById(StoredCa.ID);
    }
    if (ca == null) {
      KeyPair pair = Ecdsa.generate();
      X509Certificate cert = Certificates.ca(config.caName(), pair, serial());
      ca = new StoredCa();
      ca.id = StoredCa.ID;
      ca.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      ca.certificate = Certificates.der(cert);
      ca.privateKey = vault.seal(pair.getPrivate(), OWNER);
      ca.persist();
      LOG.infof(
          "Created the platform CA %s (SHA-256 %s)",
          cert.getSubjectX500Principal().getName(), OfflineVerifier.fingerprint(cert));
      return new Loaded(cert, pair.getPrivate());
    }
    return new Loaded(Certificates.parse(ca.certificate), vault.open(ca.privateKey, OWNER));
  }

  /** A random positive 127-bit serial number (RFC 5280: unique per issuer, at most 20 bytes). */
  static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
