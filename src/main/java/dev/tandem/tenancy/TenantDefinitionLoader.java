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
import java.util.stream.Stream;

/**
 * Reads and validates the tenant folders under the tenants directory. Validation is strict and
 * explicit (not bean validation) so that a mistake stops startup with the file and field named.
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

  /**
   * All tenants: every folder that holds a tenant.yaml (folders starting with '_' are not tenants).
   */
  public static List<LoadedTenant> loadAll(Path tenantsDir) {
    if (!Files.isDirectory(tenantsDir)) {
      throw new IllegalStateException(
          "The tenants directory " + tenantsDir.toAbsolutePath() + " does not exist");
    }
    List<LoadedTenant> tenants = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(tenantsDir)) {
      for (Path dir : dirs.sorted().toList()) {
        Path file = dir.resolve("tenant.yaml");
        if (Files.isDirectory(dir)
            && !dir.getFileName().toString().startsWith("_")
            && Files.isRegularFile(file)) {
          tenants.add(load(file));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + tenantsDir, e);
    }
    return tenants;
  }

  public static LoadedTenant load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidTenantDefinition(file, "(file)", "is not valid YAML: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidTenantDefinition(file, "(file)", "must be a YAML mapping");
    }
    Fields f = new Fields(file, root);
    String id = f.matching("id", TENANT_ID);
    if (RESERVED_IDS.contains(id)) {
      throw new InvalidTenantDefinition(file, "id", "'" + id + "' is reserved");
    }
    String folder = file.getParent().getFileName().toString();
    if (!id.equals(folder)) {
      throw new InvalidTenantDefinition(file, "id", "must equal the folder name '" + folder + "'");
    }
    TenantDefinition.Contact contact =
        new TenantDefinition.Contact(
            f.text("contact.name", 1, 200), f.matching("contact.email", EMAIL));
    String primary = f.matching("branding.primaryColor", BrandColour.HEX);
    if (BrandColour.parse(primary).orElseThrow().contrastWith(BrandColour.WHITE)
        < BrandColour.AA_TEXT) {
      throw new InvalidTenantDefinition(
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
    TenantLogo logo = branding.logo() == null ? null : logo(file, branding.logo());
    List<TenantDefinition.Service> services = new ArrayList<>();
    Set<String> serviceIds = new HashSet<>();
    for (int i = 0; i < f.size("services"); i++) {
      String p = "services[" + i + "].";
      String sid = f.matching(p + "id", ENTITY_ID);
      if (!serviceIds.add(sid)) {
        throw new InvalidTenantDefinition(file, p + "id", "repeats '" + sid + "'");
      }
      String catalog = f.text(p + "catalog", 1, 60);
      if (!CATALOGS.contains(catalog)) {
        throw new InvalidTenantDefinition(file, p + "catalog", "must be one of " + CATALOGS);
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
      if (!customerIds.add(cid)) {
        throw new InvalidTenantDefinition(file, p + "id", "repeats '" + cid + "'");
      }
      customers.add(new TenantDefinition.Customer(cid, f.text(p + "name", 1, 200)));
    }
    TenantDefinition.Identity identity =
        new TenantDefinition.Identity(
            f.text("identity.realm", 1, 100), f.text("identity.clientId", 1, 100));
    Path realmFile = file.getParent().resolve("realm.json");
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
    return new LoadedTenant(
        definition, file, Files.isRegularFile(realmFile) ? realmFile : null, root, logo);
  }

  /** Reads and checks the logo: a plain file name in the tenant's own folder (no path). */
  private static TenantLogo logo(Path file, String name) {
    if (!TenantLogo.FILE_NAME.matcher(name).matches()) {
      throw new InvalidTenantDefinition(
          file,
          "branding.logo",
          "must be a file name in the tenant's folder matching " + TenantLogo.FILE_NAME.pattern());
    }
    Path logoFile = file.getParent().resolve(name);
    if (!Files.isRegularFile(logoFile)) {
      throw new InvalidTenantDefinition(file, "branding.logo", "names a file that does not exist");
    }
    try {
      if (Files.size(logoFile) > TenantLogo.MAX_BYTES) {
        throw new InvalidTenantDefinition(
            file, "branding.logo", "must be at most " + TenantLogo.MAX_BYTES + " bytes");
      }
      return TenantLogo.of(name, Files.readAllBytes(logoFile));
    } catch (IOException e) {
      throw new InvalidTenantDefinition(file, "branding.logo", "cannot be read: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new InvalidTenantDefinition(file, "branding.logo", "'" + name + "' " + e.getMessage());
    }
  }

  /** Navigates dotted paths like {@code services[0].id} and reports the path on failure. */
  private record Fields(Path file, JsonNode root) {
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
        throw new InvalidTenantDefinition(file, path, "is required");
      }
      if (!node.isTextual()) {
        throw new InvalidTenantDefinition(file, path, "must be text");
      }
      String value = node.asText().strip();
      if (value.length() < min || value.length() > max) {
        throw new InvalidTenantDefinition(
            file, path, "must have " + min + " to " + max + " characters");
      }
      return value;
    }

    String optionalText(String path, int max) {
      JsonNode node = node(path);
      return node.isMissingNode() || node.isNull() ? null : text(path, 0, max);
    }

    String matching(String path, Pattern pattern) {
      String value = text(path, 1, 320);
      if (!pattern.matcher(value).matches()) {
        throw new InvalidTenantDefinition(
            file, path, "must match " + pattern.pattern() + " but is '" + value + "'");
      }
      return value;
    }

    boolean bool(String path) {
      JsonNode node = node(path);
      if (node.isMissingNode() || node.isNull()) {
        return false;
      }
      if (!node.isBoolean()) {
        throw new InvalidTenantDefinition(file, path, "must be true or false");
      }
      return node.asBoolean();
    }

    int size(String path) {
      JsonNode node = node(path);
      if (node.isMissingNode() || node.isNull()) {
        return 0;
      }
      if (!node.isArray()) {
        throw new InvalidTenantDefinition(file, path, "must be a list");
      }
      return node.size();
    }
  }

  /**
   * A loaded tenant: its definition, where it came from, the raw YAML tree (for hashing) and its
   * checked logo (null if it has none).
   */
  public record LoadedTenant(
      TenantDefinition definition, Path file, Path realmFile, JsonNode raw, TenantLogo logo) {}
}
