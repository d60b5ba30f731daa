package dev.tandem.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates one tenant folder: {@code tenant.yaml} (every key known, every value checked)
 * and, when present, its {@code realm.json} against it. Validation is strict and explicit (not bean
 * validation) and collects every problem with its file and key, so one run names all of them. A
 * whole folder of tenants is read by {@link TenantFiles}.
 */
public final class TenantDefinitionLoader {
  public static final Pattern TENANT_ID = Pattern.compile("^[a-z][a-z0-9-]{1,30}$");
  private static final Pattern ENTITY_ID = Pattern.compile("^[a-z][a-z0-9-]{1,40}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** Ids that name platform parts (the operator realm, its client secret variable). */
  private static final Set<String> RESERVED_IDS = Set.of("platform", "api", "admin", "static");

  private static final Set<String> CATALOGS = Set.of("iso27017-2015");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TenantDefinitionLoader() {}

  /** All tenants of a folder, or {@link InvalidTenantDefinition} naming every problem. */
  public static List<LoadedTenant> loadAll(Path tenantsDir) {
    TenantFiles files = TenantFiles.read(tenantsDir);
    if (!files.problems().isEmpty()) {
      throw new InvalidTenantDefinition(files.problems());
    }
    return files.tenants();
  }

  /** One tenant, or {@link InvalidTenantDefinition} naming every problem of its files. */
  public static LoadedTenant load(Path file) {
    Problems problems = new Problems();
    LoadedTenant tenant = read(file, problems);
    problems.throwIfAny();
    return tenant;
  }

  /**
   * Reads a tenant.yaml (and its realm.json, if any), adding what is wrong to {@code problems}.
   * Returns null when the file cannot be read at all; otherwise a tenant whose definition has nulls
   * where values were invalid (usable only when no problem was added).
   */
  static LoadedTenant read(Path file, Problems problems) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      problems.add(
          file,
          TenantProblem.WHOLE_FILE,
          "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
      return null;
    }
    if (root == null || !root.isObject()) {
      problems.add(file, TenantProblem.WHOLE_FILE, "must be a YAML mapping");
      return null;
    }
    TenantFileSchema.check(file, root, problems);
    Fields f = new Fields(file, root, problems);
    String folder = file.getParent().getFileName().toString();
    String id = f.matching("id", TENANT_ID);
    if (id != null && RESERVED_IDS.contains(id)) {
      problems.add(file, "id", "'" + id + "' is reserved");
    } else if (id != null && !id.equals(folder)) {
      problems.add(file, "id", "must equal the folder name '" + folder + "'");
    }
    TenantDefinition.Contact contact =
        new TenantDefinition.Contact(
            f.text("contact.name", 1, 200), f.matching("contact.email", EMAIL));
    String primary = f.matching("branding.primaryColor", BrandColour.HEX);
    if (primary != null
        && BrandColour.parse(primary).orElseThrow().contrastWith(BrandColour.WHITE)
            < BrandColour.AA_TEXT) {
      problems.add(
          file,
          "branding.primaryColor",
          "must reach a contrast of 4.5:1 with white text (WCAG AA) but '"
              + primary
              + "' does not");
    }
    TenantDefinition.Branding branding =
        new TenantDefinition.Branding(
            primary,
            f.matching("branding.accentColor", BrandColour.HEX),
            f.optionalText("branding.logo", 200));
    TenantLogo logo = branding.logo() == null ? null : logo(file, branding.logo(), problems);
    List<TenantDefinition.Service> services = new ArrayList<>();
    Set<String> serviceIds = new HashSet<>();
    for (int i = 0; i < f.size("services"); i++) {
      String p = "services[" + i + "].";
      String sid = f.matching(p + "id", ENTITY_ID);
      if (sid != null && !serviceIds.add(sid)) {
        problems.add(file, p + "id", "repeats '" + sid + "'");
      }
      String catalog = f.text(p + "catalog", 1, 60);
      if (catalog != null && !CATALOGS.contains(catalog)) {
        problems.add(file, p + "catalog", "must be one of " + CATALOGS);
      }
      services.add(
          new TenantDefinition.Service(
              sid, f.text(p + "name", 1, 200), catalog, f.optionalText(p + "description", 2000)));
    }
    List<TenantDefinition.Customer> customers = new ArrayList<>();
    Set<String> customerIds = new HashSet<>();
    for (int i = 0; i < f.size("customers"); i++) {
      String p = "customers[" + i + "].";
      String cid = f.matching(p + "id", ENTITY_ID);
      if (cid != null && !customerIds.add(cid)) {
        problems.add(file, p + "id", "repeats '" + cid + "'");
      }
      customers.add(new TenantDefinition.Customer(cid, f.text(p + "name", 1, 200)));
    }
    String realm = f.text("identity.realm", 1, 100);
    if (TenantOidcResolver.PLATFORM_REALM.equals(realm)) {
      problems.add(file, "identity.realm", "'" + realm + "' is the platform operators' realm");
    }
    TenantDefinition.Identity identity =
        new TenantDefinition.Identity(realm, f.text("identity.clientId", 1, 100));
    TenantDefinition definition =
        new TenantDefinition(
            id,
            f.text("displayName", 1, 200),
            f.bool("public"),
            contact,
            branding,
            List.copyOf(services),
            List.copyOf(customers),
            identity,
            f.optionalText("nda", 20000));
    Path realmPath = file.getParent().resolve("realm.json");
    RealmFile realmFile = null;
    if (Files.isRegularFile(realmPath)) {
      realmFile = RealmFile.read(realmPath, problems).orElse(null);
      if (realmFile != null) {
        realmFile.checkTenant(file, definition, problems);
      }
    }
    return new LoadedTenant(
        definition, file, realmFile == null ? null : realmPath, realmFile, root, logo);
  }

  /** Reads and checks the logo: a plain file name in the tenant's own folder (no path). */
  private static TenantLogo logo(Path file, String name, Problems problems) {
    if (!TenantLogo.FILE_NAME.matcher(name).matches()) {
      problems.add(
          file,
          "branding.logo",
          "must be a file name in the tenant's folder matching " + TenantLogo.FILE_NAME.pattern());
      return null;
    }
    Path logoFile = file.getParent().resolve(name);
    if (!Files.isRegularFile(logoFile)) {
      problems.add(file, "branding.logo", "names a file that does not exist");
      return null;
    }
    try {
      if (Files.size(logoFile) > TenantLogo.MAX_BYTES) {
        problems.add(file, "branding.logo", "must be at most " + TenantLogo.MAX_BYTES + " bytes");
        return null;
      }
      return TenantLogo.of(name, Files.readAllBytes(logoFile));
    } catch (IOException e) {
      problems.add(file, "branding.logo", "cannot be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      problems.add(file, "branding.logo", "'" + name + "' " + e.getMessage());
    }
    return null;
  }

  /**
   * Navigates dotted paths like {@code services[0].id}; a value that is missing or wrong is
   * reported with its path and read as null.
   */
  private record Fields(Path file, JsonNode root, Problems problems) {
    JsonNode node(String path) {
      JsonNode node = root;
      for (String part : path.split("\\.")) {
        int bracket = part.indexOf('[');
        if (bracket >= 0) {
          node =
              node.path(part.substring(0, bracket))
                  .path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
        } else {
          node = node.path(part);
        }
      }
      return node;
    }

    String text(String path, int min, int max) {
      JsonNode node = node(path);
      if (node.isMissingNode() || node.isNull()) {
        problems.add(file, path, "is required");
        return null;
      }
      if (!node.isTextual()) {
        problems.add(file, path, "must be text");
        return null;
      }
      String value = node.asText().strip();
      if (value.length() < min || value.length() > max) {
        problems.add(file, path, "must have " + min + " to " + max + " characters");
        return null;
      }
      return value;
    }

    String optionalText(String path, int max) {
      JsonNode node = node(path);
      return node.isMissingNode() || node.isNull() ? null : text(path, 0, max);
    }

    String matching(String path, Pattern pattern) {
      String value = text(path, 1, 320);
      if (value != null && !pattern.matcher(value).matches()) {
        problems.add(file, path, "must match " + pattern.pattern() + " but is '" + value + "'");
        return null;
      }
      return value;
    }

    boolean bool(String path) {
      JsonNode node = node(path);
      if (node.isMissingNode() || node.isNull()) {
        return false;
      }
      if (!node.isBoolean()) {
        problems.add(file, path, "must be true or false");
        return false;
      }
      return node.asBoolean();
    }

    int size(String path) {
      JsonNode node = node(path);
      if (node.isMissingNode() || node.isNull()) {
        return 0;
      }
      if (!node.isArray()) {
        problems.add(file, path, "must be a list");
        return 0;
      }
      return node.size();
    }
  }

  /**
   * A loaded tenant: its definition, where it came from, its realm file (path and parsed; null if
   * the folder has none), the raw YAML tree and its checked logo (null if it has none).
   */
  public record LoadedTenant(
      TenantDefinition definition,
      Path file,
      Path realmFile,
      RealmFile realm,
      JsonNode raw,
      TenantLogo logo) {}
}
