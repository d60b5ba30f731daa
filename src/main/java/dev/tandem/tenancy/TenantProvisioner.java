package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.Sha256;
import dev.tandem.core.TandemConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Syncs tenants as code ({@code tenants/}) into the tenant registry and makes sure each tenant's
 * Keycloak realm exists, at startup and on an operator's request. All or nothing: every file is
 * checked — on its own, against the other tenants, against the registry and against Keycloak —
 * before anything is written, and any problem leaves registry and realms as they were. Idempotent:
 * a second run with unchanged files changes nothing. The operator's suspension of a tenant is never
 * undone here, and a tenant whose folder is gone is reported, never deleted.
 */
@ApplicationScoped
public class TenantProvisioner {
  private static final Logger LOG = Logger.getLogger(TenantProvisioner.class);

  /** Who syncs at startup, as the audit trail names it. */
  public static final String STARTUP_ACTOR = "tandem (startup)";

  /** Advisory lock key of tenant provisioning ("tandem" in ASCII, as a number). */
  private static final long SYNC_LOCK = 0x74616e64656dL;

  /**
   * What one sync did; {@code removed} are registry tenants without a folder (left as they are).
   */
  public record SyncReport(
      List<String> created,
      List<String> updated,
      List<String> unchanged,
      List<String> realmsCreated,
      List<String> removed) {}

  /** A realm to check against Keycloak: whose, from which file, and whether it is known already. */
  private record RealmCheck(
      String owner,
      String realm,
      RealmFile file,
      Path reportFile,
      String reportKey,
      boolean known) {}

  private final TandemConfig config;
  private final ProvisioningConfig provisioning;
  private final TenantRegistry registry;
  private final KeycloakRealms realms;
  private final TenantSecrets secrets;
  private final ObjectMapper json;
  private final AgroalDataSource dataSource;
  private final Instance<TenantSyncListener> listeners;

  TenantProvisioner(
      TandemConfig config,
      ProvisioningConfig provisioning,
      TenantRegistry registry,
      KeycloakRealms realms,
      TenantSecrets secrets,
      ObjectMapper json,
      AgroalDataSource dataSource,
      Instance<TenantSyncListener> listeners) {
    this.config = config;
    this.provisioning = provisioning;
    this.registry = registry;
    this.realms = realms;
    this.secrets = secrets;
    this.json = json;
    this.dataSource = dataSource;
    this.listeners = listeners;
  }

  /**
   * Startup sync. Invalid files stop the start with one short block naming every problem: when the
   * root cause of a failed start is a {@link PreventFurtherStepsException} with a message, Quarkus
   * prints that message alone (no stack trace) and exits with its code. (Thrown on its own, that
   * exception would end the start silently and leave the process waiting: hence the wrapper.)
   */
  void onStart(@Observes StartupEvent event) {
    Path dir = Path.of(config.tenantsDir());
    SyncReport report;
    try {
      report = sync(STARTUP_ACTOR);
    } catch (InvalidTenantDefinition e) {
      throw cannotStart(TenantFileReport.cannotStart(dir, e.problems()));
    } catch (ProvisioningUnavailable e) {
      throw cannotStart("[tandem] Cannot start: " + e.getMessage() + " (nothing was changed)");
    }
    LOG.infof(
        "Tenants synced from %s: created %s, updated %s, unchanged %s; realms created %s",
        dir, report.created(), report.updated(), report.unchanged(), report.realmsCreated());
    if (!report.removed().isEmpty()) {
      LOG.warnf(
          "Tenants in the registry without a folder in %s: %s. They keep their status and data;"
              + " an operator suspends them with POST /platform/api/tenants/sync?suspendRemoved=true",
          dir, report.removed());
    }
  }

  private static IllegalStateException cannotStart(String block) {
    return new IllegalStateException(
        "Tandem cannot start", new PreventFurtherStepsException(block, 1));
  }

  /** A sync on behalf of Tandem itself. */
  public SyncReport sync() {
    return sync("tandem");
  }

  /**
   * Checks every tenant file and applies them all, or throws {@link InvalidTenantDefinition} with
   * every problem (or {@link ProvisioningUnavailable}) having changed nothing.
   */
  public synchronized SyncReport sync(String actor) {
    // Several replicas may start at once: a PostgreSQL advisory lock (held on a connection of its
    // own, outside any transaction) lets one sync at a time; the others then find nothing to do.
    try (Connection lock = dataSource.getConnection();
        Statement s = lock.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + SYNC_LOCK + ")");
      try {
        return syncLocked(actor);
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + SYNC_LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the provisioning lock: " + e.getMessage(), e);
    }
  }

  private SyncReport syncLocked(String actor) {
    TenantFiles files = TenantFiles.read(Path.of(config.tenantsDir()));
    List<TenantFiles.Registered> registered = registered();
    Problems problems = new Problems();
    problems.addAll(files.problems());
    problems.addAll(files.checkAgainst(registered));
    List<RealmCheck> toCreate = List.of();
    if (problems.isEmpty()) {
      toCreate = checkRealms(files, registered, problems);
    }
    problems.throwIfAny();

    // Everything checked: from here on the files are applied.
    List<String> realmsCreated = createRealms(toCreate);
    for (var t : files.tenants()) {
      String clientId = t.definition().identity().clientId();
      secrets.rememberDemoSecret(
          t.definition().id(),
          t.realm() == null ? null : t.realm().clientSecret(clientId).orElse(null));
    }
    if (files.platformRealm() != null) {
      secrets.rememberDemoSecret(
          "platform",
          files.platformRealm().clientSecret(TenantOidcResolver.PLATFORM_CLIENT).orElse(null));
    }
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (var tenant : files.tenants()) {
      String id = tenant.definition().id();
      boolean realmCreated = realmsCreated.contains(tenant.definition().identity().realm());
      Change change =
          TenantContext.runAs(
              id,
              () ->
                  QuarkusTransaction.requiringNew().call(() -> apply(actor, tenant, realmCreated)));
      switch (change) {
        case CREATED -> created.add(id);
        case UPDATED -> updated.add(id);
        case UNCHANGED -> unchanged.add(id);
      }
    }
    registry.refresh();
    Set<String> inFiles = Set.copyOf(files.ids());
    List<String> removed =
        registered.stream()
            .map(TenantFiles.Registered::id)
            .filter(id -> !inFiles.contains(id))
            .sorted()
            .toList();
    return new SyncReport(created, updated, unchanged, realmsCreated, removed);
  }

  /** Every registry row with the realm its definition names. */
  private List<TenantFiles.Registered> registered() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                TenantRecord.<TenantRecord>listAll().stream()
                    .map(r -> new TenantFiles.Registered(r.id, realmOf(r)))
                    .toList());
  }

  private String realmOf(TenantRecord r) {
    try {
      return json.readTree(r.definition).path("identity").path("realm").asText(null);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable definition of tenant " + r.id, e);
    }
  }

  /**
   * Checks each realm against Keycloak: a realm that exists must not carry another tenant's mark;
   * one that does not is created from its file, which outside demos and tests must have no demo
   * settings. Returns the realms to create.
   */
  private List<RealmCheck> checkRealms(
      TenantFiles files, List<TenantFiles.Registered> registered, Problems problems) {
    if (!realms.canProvision()) {
      return List.of();
    }
    List<RealmCheck> checks = new ArrayList<>();
    for (var t : files.tenants()) {
      String id = t.definition().id();
      String realm = t.definition().identity().realm();
      boolean known =
          registered.stream().anyMatch(r -> r.id().equals(id) && realm.equals(r.realm()));
      checks.add(new RealmCheck(id, realm, t.realm(), t.file(), "identity.realm", known));
    }
    if (files.platformRealm() != null) {
      checks.add(
          new RealmCheck(
              "platform",
              TenantOidcResolver.PLATFORM_REALM,
              files.platformRealm(),
              files.platformRealm().file(),
              "realm",
              true));
    }
    List<RealmCheck> toCreate = new ArrayList<>();
    for (RealmCheck c : checks) {
      Optional<KeycloakRealms.ExistingRealm> existing;
      try {
        existing = realms.find(c.realm());
      } catch (IOException e) {
        if (c.known()) {
          LOG.warnf(
              "Could not check realm %s of tenant %s (%s); it is registered already, so the sync"
                  + " goes on without",
              c.realm(), c.owner(), e.getMessage());
          continue;
        }
        throw new ProvisioningUnavailable(
            "Keycloak did not answer when checking realm '"
                + c.realm()
                + "' of tenant '"
                + c.owner()
                + "': "
                + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProvisioningUnavailable("interrupted while checking realm " + c.realm());
      }
      if (existing.isPresent()) {
        Optional<String> owner = existing.get().owner();
        if (owner.isPresent() && !owner.get().equals(c.owner())) {
          problems.add(
              c.reportFile(),
              c.reportKey(),
              "'"
                  + c.realm()
                  + "' exists in Keycloak and was provisioned for tenant '"
                  + owner.get()
                  + "'; a tenant never takes over the realm of another");
        }
        continue;
      }
      if (c.file() == null) {
        LOG.warnf(
            "Realm %s of tenant %s does not exist in Keycloak and the tenant has no realm.json:"
                + " its users cannot sign in",
            c.realm(), c.owner());
        continue;
      }
      if (!provisioning.demoRealmSettingsAllowed()) {
        for (TenantProblem p : c.file().demoSettings()) {
          problems.add(
              p.file(),
              p.key(),
              p.reason()
                  + "; outside the demo and test profiles Tandem creates no realm with it (remove"
                  + " it, or set tandem.provisioning.demo-realm-settings-allowed=true on purpose)");
        }
      }
      toCreate.add(c);
    }
    return toCreate;
  }

  private List<String> createRealms(List<RealmCheck> toCreate) {
    List<String> created = new ArrayList<>();
    for (RealmCheck c : toCreate) {
      try {
        if (realms.create(c.file(), c.owner())) {
          created.add(c.realm());
          LOG.infof("Created realm %s for tenant %s", c.realm(), c.owner());
        }
      } catch (KeycloakRealms.RealmRefused e) {
        throw new InvalidTenantDefinition(
            c.file().file(),
            TenantProblem.WHOLE_FILE,
            e.getMessage()
                + (created.isEmpty()
                    ? ""
                    : " (realms created before it in this sync, "
                        + created
                        + ", stay and are"
                        + " adopted by the next sync)"));
      } catch (IOException e) {
        throw new ProvisioningUnavailable(
            "Keycloak did not answer when creating realm '" + c.realm() + "': " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProvisioningUnavailable("interrupted while creating realm " + c.realm());
      }
    }
    return created;
  }

  private enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * Writes one tenant — registry row, services, customer organizations — in one transaction with
   * the tenant set, and tells the listeners (the audit trail) in the same transaction.
   */
  private Change apply(
      String actor, TenantDefinitionLoader.LoadedTenant tenant, boolean realmCreated) {
    TenantDefinition d = tenant.definition();
    String definition;
    try {
      definition = json.writeValueAsString(d);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    TenantLogo logo = tenant.logo();
    // The logo is part of what the registry holds: a changed logo file is a changed tenant.
    String hash = Sha256.hex(definition + "\nlogo:" + (logo == null ? "" : logo.sha256()));
    TenantRecord record = TenantRecord.findById(d.id());
    if (record != null && hash.equals(record.definitionHash)) {
      upsertDirectory(d);
      return Change.UNCHANGED;
    }
    boolean isNew = record == null;
    if (isNew) {
      record = new TenantRecord();
      record.id = d.id();
      record.status = TenantRecord.Status.ACTIVE;
    }
    record.displayName = d.displayName();
    record.listed = d.isPublic();
    record.definition = definition;
    record.definitionHash = hash;
    record.logo = logo == null ? null : logo.content();
    record.logoMediaType = logo == null ? null : logo.type().mediaType();
    record.updatedAt = OffsetDateTime.now();
    record.persist();
    // The registry row first: the directory's rows and the audit entry refer to it.
    TenantRecord.flush();
    upsertDirectory(d);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("change", isNew ? "created" : "updated");
    detail.put("realm", d.identity().realm());
    detail.put("realmCreated", realmCreated);
    detail.put("definitionHash", hash);
    TenantSyncListener.Change change =
        isNew ? TenantSyncListener.Change.CREATED : TenantSyncListener.Change.UPDATED;
    listeners.forEach(l -> l.tenantSynced(actor, d.id(), change, detail));
    return isNew ? Change.CREATED : Change.UPDATED;
  }

  private void upsertDirectory(TenantDefinition d) {
    for (TenantDefinition.Service s : d.services()) {
      CloudService service = CloudService.findById(s.id());
      if (service == null) {
        service = new CloudService();
        service.id = s.id();
      }
      service.name = s.name();
      service.catalogId = s.catalog();
      service.description = s.description();
      service.persist();
    }
    for (TenantDefinition.Customer c : d.customers()) {
      CustomerOrganization org = CustomerOrganization.findById(c.id());
      if (org == null) {
        org = new CustomerOrganization();
        org.id = c.id();
      }
      org.name = c.name();
      org.persist();
    }
  }
}
