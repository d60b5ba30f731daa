package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.TandemConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.PreventFurtherStepsException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

  private final TandemConfig config;
  private final TenantRegistry registry;
  private final RealmProvisioning realms;
  private final TenantWriter writer;
  private final TenantSecrets secrets;
  private final ObjectMapper json;
  private final AgroalDataSource dataSource;

  TenantProvisioner(
      TandemConfig config,
      TenantRegistry registry,
      RealmProvisioning realms,
      TenantWriter writer,
      TenantSecrets secrets,
      ObjectMapper json,
      AgroalDataSource dataSource) {
    this.config = config;
    this.registry = registry;
    this.realms = realms;
    this.writer = writer;
    this.secrets = secrets;
    this.json = json;
    this.dataSource = dataSource;
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
    List<RealmProvisioning.RealmCheck> toCreate = List.of();
    if (problems.isEmpty()) {
      toCreate = realms.check(files, registered, problems);
    }
    problems.throwIfAny();

    // Everything checked: from here on the files are applied.
    List<String> realmsCreated = realms.create(toCreate);
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
      TenantWriter.Change change =
          TenantContext.runAs(
              id,
              () ->
                  QuarkusTransaction.requiringNew()
                      .call(() -> writer.apply(actor, tenant, realmCreated)));
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
}
