package dev.tandem.tenancy;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Keycloak half of a tenant sync: checks every tenant's realm (and the platform realm) against
 * Keycloak before anything is written, then creates the missing ones. Kept apart from {@link
 * TenantProvisioner}, which decides the order (check all, then apply all), because this is the only
 * part that talks to Keycloak and the only one that can fail for reasons outside the files.
 */
@ApplicationScoped
class RealmProvisioning {
  private static final Logger LOG = Logger.getLogger(RealmProvisioning.class);

  /** A realm to check against Keycloak: whose, from which file, and whether it is known already. */
  record RealmCheck(
      String owner,
      String realm,
      RealmFile file,
      Path reportFile,
      String reportKey,
      boolean known) {}

  private final ProvisioningConfig provisioning;
  private final KeycloakRealms realms;

  RealmProvisioning(ProvisioningConfig provisioning, KeycloakRealms realms) {
    this.provisioning = provisioning;
    this.realms = realms;
  }

  /**
   * Checks each realm against Keycloak: a realm that exists must not carry another tenant's mark;
   * one that does not is created from its file, which outside demos and tests must have no demo
   * settings. Returns the realms to create.
   */
  List<RealmCheck> check(
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

  List<String> create(List<RealmCheck> toCreate) {
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
}
