package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Which tenants exist and are active. Every request is checked against it before authentication, on
 * the event loop, so lookups only read an in-memory snapshot: an unknown tenant costs the same as a
 * known one and never touches the database. The snapshot is reloaded every {@link #REFRESH}; a
 * suspension made on another replica therefore takes effect here within that time.
 */
@ApplicationScoped
public class TenantRegistry {
  static final Duration REFRESH = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(TenantRegistry.class);

  public record TenantSummary(
      String id,
      String displayName,
      boolean active,
      boolean listed,
      String realm,
      String clientId,
      /** Customer organizations: id (the Keycloak organization alias) → display name. */
      Map<String, String> customers,
      /** Colours and logo for the pages; empty keeps Tandem's own look. */
      Optional<TenantBranding> branding) {}

  /** What a tenant's definition yields, as of one definition hash (reused while it stays). */
  private record Parsed(
      String definitionHash,
      String realm,
      String clientId,
      Map<String, String> customers,
      Optional<TenantBranding> branding) {}

  private final Vertx vertx;
  private final ObjectMapper json;
  private volatile Map<String, TenantSummary> snapshot = Map.of();

  /** Realm → every registered tenant (active or not) whose definition names it. */
  private volatile Map<String, Set<String>> realmTenants = Map.of();

  private volatile Map<String, Set<String>> reportedShared = Map.of();
  private volatile long timerId = -1;
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  TenantRegistry(Vertx vertx, ObjectMapper json) {
    this.vertx = vertx;
    this.json = json;
  }

  /** The active tenant with that id, or empty for an unknown or suspended one. */
  public Optional<TenantSummary> active(String id) {
    return Optional.ofNullable(id).map(snapshot::get).filter(TenantSummary::active);
  }

  /** Ids of all active tenants (for background work that runs once per tenant). */
  public List<String> activeIds() {
    return snapshot.values().stream()
        .filter(TenantSummary::active)
        .map(TenantSummary::id)
        .sorted()
        .toList();
  }

  /** Active tenants that may be listed on the landing page. */
  public List<TenantSummary> listed() {
    return snapshot.values().stream()
        .filter(t -> t.active() && t.listed())
        .sorted(Comparator.comparing(TenantSummary::displayName))
        .toList();
  }

  /** Reloads the snapshot from the database (blocking) and starts the periodic refresh. */
  public void refresh() {
    List<TenantSummary> all =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    TenantRecord.getEntityManager()
                        .createQuery(
                            "select r.id, r.definitionHash, r.displayName, r.status, r.listed"
                                + " from TenantRecord r",
                            Object[].class)
                        .getResultStream()
                        .map(this::summary)
                        .toList());
    Map<String, Set<String>> byRealm = new TreeMap<>();
    for (TenantSummary t : all) {
      if (t.realm() != null) {
        byRealm.computeIfAbsent(t.realm(), r -> new TreeSet<>()).add(t.id());
      }
    }
    realmTenants = Map.copyOf(byRealm);
    snapshot =
        all.stream().collect(Collectors.toUnmodifiableMap(TenantSummary::id, Function.identity()));
    // Removed tenants' parsed definitions go too (a set's lookup, not a list's scan, per tenant).
    parsed.keySet().retainAll(snapshot.keySet());
    reportSharedRealms(byRealm);
    if (timerId < 0) {
      timerId =
          vertx.setPeriodic(
              REFRESH.toMillis(),
              id ->
                  vertx.executeBlocking(
                      () -> {
                        try {
                          TenantContext.runAsPlatform(
                              () -> {
                                refresh();
                                return null;
                              });
                        } catch (RuntimeException e) {
                          LOG.warnf("Could not refresh the tenant registry: %s", e.getMessage());
                        }
                        return null;
                      },
                      false));
    }
  }

  void stop(@Observes ShutdownEvent event) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /**
   * Every registered tenant, active or suspended, whose definition names this realm. Tandem's rule
   * is one realm per tenant: a token is accepted on a tenant only when this is exactly that tenant.
   */
  public Set<String> tenantsOfRealm(String realm) {
    return realm == null ? Set.of() : realmTenants.getOrDefault(realm, Set.of());
  }

  /** Whether the realm belongs to this tenant and to no other (see {@link #tenantsOfRealm}). */
  public boolean realmBelongsOnlyTo(String realm, String tenantId) {
    return tenantId != null
        && !TenantOidcResolver.PLATFORM_REALM.equals(realm)
        && tenantsOfRealm(realm).equals(Set.of(tenantId));
  }

  /** A registry that breaks the rule is logged once per change, not on every refresh. */
  private void reportSharedRealms(Map<String, Set<String>> byRealm) {
    Map<String, Set<String>> shared = new TreeMap<>();
    byRealm.forEach(
        (realm, tenants) -> {
          if (tenants.size() > 1) {
            shared.put(realm, tenants);
          }
        });
    if (!shared.equals(reportedShared)) {
      shared.forEach(
          (realm, tenants) ->
              LOG.errorf(
                  "Realm %s is registered for several tenants %s: no token of it is accepted on"
                      + " any of them until the registry names one realm per tenant",
                  realm, tenants));
      reportedShared = Map.copyOf(shared);
    }
  }

  /** Any tenant, active or not (for the platform operator). */
  public Optional<TenantSummary> any(String id) {
    return Optional.ofNullable(id).map(snapshot::get);
  }

  /**
   * One tenant's summary from its row's head. The definition (JSON, with branding and logo) is read
   * and parsed again only when its hash changed: a refresh of unchanged tenants reads five short
   * columns per tenant.
   */
  private TenantSummary summary(Object[] head) {
    String id = (String) head[0];
    Parsed p = parsed.get(id);
    if (p == null || !p.definitionHash().equals(head[1])) {
      p = parse(TenantRecord.findById(id));
      parsed.put(id, p);
    }
    return new TenantSummary(
        id,
        (String) head[2],
        head[3] == TenantRecord.Status.ACTIVE,
        (Boolean) head[4],
        p.realm(),
        p.clientId(),
        p.customers(),
        p.branding());
  }

  /** Colours and logo are checked again here: they are served to browsers. */
  private Parsed parse(TenantRecord r) {
    TenantDefinition definition;
    try {
      definition = json.readValue(r.definition, TenantDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable definition of tenant " + r.id, e);
    }
    TenantLogo logo = TenantLogo.stored(r.logoMediaType, r.logo).orElse(null);
    if (r.logo != null && logo == null) {
      LOG.warnf("The stored logo of tenant %s is not a valid logo; it is not shown", r.id);
    }
    Optional<TenantBranding> branding = TenantBranding.of(definition.branding(), logo);
    if (branding.isEmpty()) {
      LOG.warnf("Tenant %s has no valid branding colours; Tandem's are used", r.id);
    }
    return new Parsed(
        r.definitionHash,
        definition.identity().realm(),
        definition.identity().clientId(),
        definition.customers().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    TenantDefinition.Customer::id, TenantDefinition.Customer::name)),
        branding);
  }
}
