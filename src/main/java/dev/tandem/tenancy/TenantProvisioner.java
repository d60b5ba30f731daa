package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.core.Sha256;
import dev.tandem.core.TandemConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Syncs tenants as code ({@code tenants/}) into the tenant registry and makes sure each tenant's
 * Keycloak realm exists, at startup and on an operator's request. Idempotent: a second run with
 * unchanged files changes nothing. The operator's suspension of a tenant is never undone here.
 */
@ApplicationScoped
public class TenantProvisioner {
  private static final Logger LOG = Logger.getLogger(TenantProvisioner.class);

  /** Advisory lock key of tenant provisioning ("tandem" in ASCII, as a number). */
  private static final long SYNC_LOCK = 0x74616e64656dL;

  /** What one sync did. */
  public record SyncReport(
      List<String> created,
      List<String> updated,
      List<String> unchanged,
      List<String> realmsCreated) {}

  private final TandemConfig config;
  private final TenantRegistry registry;
  private final KeycloakRealms realms;
  private final TenantSecrets secrets;
  private final ObjectMapper json;
  private final AgroalDataSource dataSource;

  TenantProvisioner(
      TandemConfig config,
      TenantRegistry registry,
      KeycloakRealms realms,
      TenantSecrets secrets,
      ObjectMapper json,
      AgroalDataSource dataSource) {
    this.config = config;
    this.registry = registry;
    this.realms = realms;
    this.secrets = secrets;
    this.json = json;
    this.dataSource = dataSource;
  }

  void onStart(@Observes StartupEvent event) {
    SyncReport report = sync();
    LOG.infof(
        "Tenants synced from %s: created %s, updated %s, unchanged %s; realms created %s",
        config.tenantsDir(),
        report.created(),
        report.updated(),
        report.unchanged(),
        report.realmsCreated());
  }

  /** Reads every tenant file (failing on the first invalid one) and applies them. */
  public synchronized SyncReport sync() {
    // Several replicas may start at once: a PostgreSQL advisory lock (held on a connection of its
    // own, outside any transaction) lets one sync at a time; the others then find nothing to do.
    try (Connection lock = dataSource.getConnection();
        Statement s = lock.createStatement()) {
      s.execute("SELECT pg_advisory_lock(" + SYNC_LOCK + ")");
      try {
        return syncLocked();
      } finally {
        s.execute("SELECT pg_advisory_unlock(" + SYNC_LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the provisioning lock: " + e.getMessage(), e);
    }
  }

  private SyncReport syncLocked() {
    Path dir = Path.of(config.tenantsDir());
    List<TenantDefinitionLoader.LoadedTenant> tenants = TenantDefinitionLoader.loadAll(dir);
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> realmsCreated = new ArrayList<>();
    for (TenantDefinitionLoader.LoadedTenant tenant : tenants) {
      switch (upsertRegistry(tenant)) {
        case CREATED -> created.add(tenant.definition().id());
        case UPDATED -> updated.add(tenant.definition().id());
        case UNCHANGED -> unchanged.add(tenant.definition().id());
      }
      TenantContext.runAs(
          tenant.definition().id(),
          () -> QuarkusTransaction.requiringNew().call(() -> upsertDirectory(tenant.definition())));
      ensureRealm(tenant.definition().id(), tenant.definition().identity(), tenant.realmFile())
          .ifPresent(realmsCreated::add);
    }
    Path platformRealm = dir.resolve("_platform/realm.json");
    if (Files.isRegularFile(platformRealm)) {
      ensureRealm(
              "platform",
              new TenantDefinition.Identity(
                  TenantOidcResolver.PLATFORM_REALM, TenantOidcResolver.PLATFORM_CLIENT),
              platformRealm)
          .ifPresent(realmsCreated::add);
    }
    registry.refresh();
    return new SyncReport(created, updated, unchanged, realmsCreated);
  }

  private enum Change {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  private Change upsertRegistry(TenantDefinitionLoader.LoadedTenant tenant) {
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
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              TenantRecord record = TenantRecord.findById(d.id());
              if (record != null && hash.equals(record.definitionHash)) {
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
              return isNew ? Change.CREATED : Change.UPDATED;
            });
  }

  private Void upsertDirectory(TenantDefinition d) {
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
    return null;
  }

  private java.util.Optional<String> ensureRealm(
      String tenantId, TenantDefinition.Identity identity, Path realmFile) {
    if (realmFile == null) {
      return java.util.Optional.empty();
    }
    try {
      secrets.rememberDemoSecret(tenantId, realms.demoClientSecret(realmFile, identity.clientId()));
      if (realms.canProvision() && realms.ensureRealm(identity.realm(), realmFile)) {
        return java.util.Optional.of(identity.realm());
      }
    } catch (IOException e) {
      LOG.errorf(
          "Could not provision realm %s of tenant %s: %s",
          identity.realm(), tenantId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return java.util.Optional.empty();
  }
}
