package dev.tandem.tenancy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tenants folder as a whole: every tenant (a folder with a {@code tenant.yaml}), the platform
 * operators' realm ({@code _platform/realm.json}) and every problem found in them, including those
 * between tenants (two tenants naming one realm). Reading never throws; a sync applies the files
 * only when {@link #problems()} is empty.
 */
public record TenantFiles(
    Path dir,
    List<TenantDefinitionLoader.LoadedTenant> tenants,
    RealmFile platformRealm,
    List<TenantProblem> problems) {

  /** A tenant as the registry knows it, for the checks that need it. */
  public record Registered(String id, String realm) {}

  public static TenantFiles read(Path dir) {
    Problems problems = new Problems();
    List<TenantDefinitionLoader.LoadedTenant> tenants = new ArrayList<>();
    RealmFile platform = null;
    if (!Files.isDirectory(dir)) {
      problems.add(dir, "(folder)", "does not exist (setting tandem.tenants-dir)");
      return new TenantFiles(dir, List.of(), null, problems.list());
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path folder : entries.filter(Files::isDirectory).sorted().toList()) {
        String name = folder.getFileName().toString();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        Path file = folder.resolve("tenant.yaml");
        if (!Files.isRegularFile(file)) {
          problems.add(
              file,
              TenantProblem.WHOLE_FILE,
              "is missing: every folder here is a tenant (folders starting with '_' are not)");
          continue;
        }
        TenantDefinitionLoader.LoadedTenant tenant = TenantDefinitionLoader.read(file, problems);
        if (tenant != null) {
          tenants.add(tenant);
        }
      }
    } catch (IOException e) {
      problems.add(dir, "(folder)", "cannot be read: " + e.getMessage());
    }
    Path platformFile = dir.resolve("_platform").resolve("realm.json");
    if (Files.isRegularFile(platformFile)) {
      platform = RealmFile.read(platformFile, problems).orElse(null);
      if (platform != null) {
        platform.checkPlatform(
            TenantOidcResolver.PLATFORM_REALM, TenantOidcResolver.PLATFORM_CLIENT, problems);
      }
    }
    oneRealmPerTenant(tenants, problems);
    return new TenantFiles(dir, List.copyOf(tenants), platform, problems.list());
  }

  /**
   * Two tenant folders naming one realm: the tenant whose realm follows the naming rule ({@code
   * tandem-<id>}) keeps it and the others are reported; otherwise all of them are.
   */
  private static void oneRealmPerTenant(
      List<TenantDefinitionLoader.LoadedTenant> tenants, Problems problems) {
    Map<String, List<TenantDefinitionLoader.LoadedTenant>> byRealm = new TreeMap<>();
    for (var t : tenants) {
      String realm = t.definition().identity().realm();
      if (realm != null) {
        byRealm.computeIfAbsent(realm, r -> new ArrayList<>()).add(t);
      }
    }
    byRealm.forEach(
        (realm, sharing) -> {
          if (sharing.size() < 2) {
            return;
          }
          List<TenantDefinitionLoader.LoadedTenant> rightful =
              sharing.stream().filter(t -> realm.equals("tandem-" + folderOf(t))).toList();
          for (var t : sharing) {
            if (rightful.size() == 1 && rightful.get(0) == t) {
              continue;
            }
            var other = sharing.stream().filter(o -> o != t).findFirst().orElseThrow();
            problems.add(
                t.file(),
                "identity.realm",
                "'"
                    + realm
                    + "' is also the realm of tenant '"
                    + folderOf(other)
                    + "' ("
                    + other.file().getParent().getFileName()
                    + "/tenant.yaml); every tenant needs a realm of its own"
                    + hint(t));
          }
        });
  }

  private static String folderOf(TenantDefinitionLoader.LoadedTenant t) {
    return t.file().getParent().getFileName().toString();
  }

  private static String hint(TenantDefinitionLoader.LoadedTenant t) {
    String id = folderOf(t);
    return " (in a copied folder set identity.realm here and 'realm' in realm.json to 'tandem-"
        + id
        + "')";
  }

  /**
   * The checks that need the registry: no tenant may take a realm another registered tenant has
   * (suspended or not), and a tenant the registry does not know yet needs its realm.json.
   */
  public List<TenantProblem> checkAgainst(List<Registered> registry) {
    Problems found = new Problems();
    Map<String, Registered> byId = new LinkedHashMap<>();
    registry.forEach(r -> byId.put(r.id(), r));
    for (var t : tenants) {
      String id = t.definition().id();
      String realm = t.definition().identity().realm();
      if (id == null || realm == null) {
        continue;
      }
      for (Registered r : registry) {
        if (!r.id().equals(id) && realm.equals(r.realm())) {
          found.add(
              t.file(),
              "identity.realm",
              "'"
                  + realm
                  + "' is the realm of tenant '"
                  + r.id()
                  + "', already registered; every tenant needs a realm of its own"
                  + hint(t));
        }
      }
      if (!byId.containsKey(id) && t.realmFile() == null) {
        found.add(
            t.file().getParent().resolve("realm.json"),
            TenantProblem.WHOLE_FILE,
            "is missing: a new tenant needs its realm file, from which Tandem creates realm '"
                + realm
                + "' (see docs/tenancy.md, Adding a tenant)");
      }
    }
    return found.list();
  }

  /** The ids of the tenants in the files. */
  public List<String> ids() {
    return tenants.stream().map(t -> t.definition().id()).toList();
  }
}
