package dev.tandem.browser;

import java.util.List;

/**
 * A demo tenant (tenants/&lt;id&gt;/) and the demo users a story plays (password tandem-demo, see
 * tenants/README.md). Customer A is the first customer organization in tenant.yaml, customer B the
 * second; {@code service} is the demo service with published versions that the story changes;
 * {@code otherTenant} is the demo tenant whose pages this tenant's users must never reach.
 */
public record DemoTenant(
    String id,
    String name,
    String author,
    String authorName,
    String approver,
    String customerA,
    String customerAName,
    String customerAOrganization,
    String customerAOrganizationId,
    String customerASignatory,
    String customerASignatoryName,
    String customerB,
    String customerBOrganization,
    String service,
    String serviceName,
    String otherTenant) {

  public static final DemoTenant NIMBUS =
      new DemoTenant(
          "nimbus",
          "Nimbus Cloud GmbH",
          "nimbus-author",
          "Anton Author",
          "nimbus-approver",
          "acme-reviewer",
          "Rita Reviewer",
          "ACME Bank AG",
          "acme-bank",
          "acme-signatory",
          "Simon Signatory",
          "globex-reviewer",
          "Globex Health Ltd",
          "object-storage",
          "Object Storage",
          "helio");

  public static final DemoTenant HELIO =
      new DemoTenant(
          "helio",
          "Helio Hosting SAS",
          "helio-author",
          "Hugo Author",
          "helio-approver",
          "initech-reviewer",
          "Irene Reviewer",
          "Initech Insurance SE",
          "initech",
          "initech-signatory",
          "Isaac Signatory",
          "umbra-reviewer",
          "Umbra Logistics BV",
          "managed-postgres",
          "Managed PostgreSQL",
          "nimbus");

  public static List<DemoTenant> all() {
    return List.of(NIMBUS, HELIO);
  }

  /** The tenant's home page path, /t/&lt;id&gt;/home. */
  public String home() {
    return "/t/" + id + "/home";
  }

  @Override
  public String toString() {
    return id;
  }
}
