package dev.tandem.signing;

import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The current tenant's signing keys: the one in use (created on first need: the first signature, or
 * the first request for the tenant's published keys), every key ever used (published), and
 * rotation. The key in use is looked up per signature (one indexed query), so a rotation on one
 * replica takes effect on all at once; decrypted keys are kept in memory by key id.
 *
 * <p>Each change runs in a transaction of its own and writes an audit entry through {@link
 * SigningKeyEvent}. Callers must therefore not hold the tenant's audit lock (an open transaction
 * that wrote an audit entry) while asking for a key: sign before or after such a transaction.
 */
@ApplicationScoped
public class TenantKeys {
  private static final Logger LOG = Logger.getLogger(TenantKeys.class);

  private final KeyVault vault;
  private final PlatformCa ca;
  private final TenantContext tenant;
  private final TenantRegistry registry;
  private final EntityManager em;
  private final Event<SigningKeyEvent> events;
  private final Map<String, SigningIdentity> identities = new ConcurrentHashMap<>();

  TenantKeys(
      KeyVault vault,
      PlatformCa ca,
      TenantContext tenant,
      TenantRegistry registry,
      EntityManager em,
      Event<SigningKeyEvent> events) {
    this.vault = vault;
    this.ca = ca;
    this.tenant = tenant;
    this.registry = registry;
    this.em = em;
    this.events = events;
  }

  /** The key that signs for the current tenant now (created if the tenant has none yet). */
  public SigningIdentity active() {
    String t = tenant.requireTenantId();
    StoredKey key =
        QuarkusTransaction.requiringNew()
            .call(() -> StoredKey.inUse().orElseGet(() -> create(t, "system", false)));
    SigningIdentity id = identities.get(key.kid);
    if (id == null) {
      id =
          new SigningIdentity(
              t,
              key.kid,
              vault.open(key.privateKey, owner(t, key.kid)),
              Certificates.parse(key.certificate),
              ca.certificate());
      identities.put(key.kid, id);
    }
    return id;
  }

  /** Every key of the current tenant, oldest first (the first one created if there is none). */
  public List<PublishedKey> published() {
    String t = tenant.requireTenantId();
    List<StoredKey> keys =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  List<StoredKey> all = StoredKey.all();
                  if (all.isEmpty()) {
                    create(t, "system", false);
                    all = StoredKey.all();
                  }
                  return all;
                });
    X509Certificate caCert = ca.certificate();
    return keys.stream()
        .map(
            k ->
                new PublishedKey(
                    k.kid, k.createdAt, k.retiredAt, Certificates.parse(k.certificate), caCert))
        .toList();
  }

  /**
   * Retires the key in use and makes a new one sign from now on. Old keys stay published, so what
   * they signed still verifies.
   */
  public PublishedKey rotate(String actor) {
    String t = tenant.requireTenantId();
    StoredKey created = QuarkusTransaction.requiringNew().call(() -> create(t, actor, true));
    return new PublishedKey(
        created.kid,
        created.createdAt,
        null,
        Certificates.parse(created.certificate),
        ca.certificate());
  }

  /**
   * Creates a key for the tenant (in the caller's transaction), under a per-tenant advisory lock so
   * that replicas racing for a tenant's first key create one. With {@code rotate} the key in use is
   * retired first; without, an existing key in use is returned instead.
   */
  private StoredKey create(String tenantId, String actor, boolean rotate) {
    em.createNativeQuery("SELECT count(*) FROM pg_advisory_xact_lock(hashtext(:k))")
        .setParameter("k", "tandem-signing-key:" + tenantId)
        .getSingleResult();
    StoredKey current = StoredKey.inUse().orElse(null);
    if (current != null && !rotate) {
      return current;
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (current != null) {
      current.retiredAt = now;
      // The unique index allows one key in use: the retirement must reach the database first.
      em.flush();
    }
    PlatformCa.Loaded issuer = ca.get();
    KeyPair pair = Ecdsa.generate();
    String kid = Jwks.kid((ECPublicKey) pair.getPublic());
    X509Certificate cert =
        Certificates.tenant(
            legalName(tenantId),
            tenantId,
            pair.getPublic(),
            PlatformCa.serial(),
            issuer.certificate(),
            issuer.key());
    StoredKey key = new StoredKey();
    key.kid = kid;
    key.createdAt = now;
    key.certificate = Certificates.der(cert);
    key.privateKey = vault.seal(pair.getPrivate(), owner(tenantId, kid));
    key.persist();
    em.flush();
    identities.put(
        kid, new SigningIdentity(tenantId, kid, pair.getPrivate(), cert, issuer.certificate()));
    events.fire(
        new SigningKeyEvent(
            current == null ? SigningKeyEvent.Kind.CREATED : SigningKeyEvent.Kind.ROTATED,
            kid,
            current == null ? null : current.kid,
            actor));
    LOG.infof(
        "Signing key %s of tenant %s %s%s",
        kid,
        tenantId,
        current == null ? "created" : "created by rotation, replacing ",
        current == null ? "" : current.kid);
    return key;
  }

  /** The tenant's legal name as its certificate names it: the display name of tenant.yaml. */
  private String legalName(String tenantId) {
    return registry.any(tenantId).map(TenantRegistry.TenantSummary::displayName).orElse(tenantId);
  }

  /** The additional authenticated data binding a sealed key to its tenant and key id. */
  static String owner(String tenantId, String kid) {
    return "tenant:" + tenantId + ":key:" + kid;
  }
}
