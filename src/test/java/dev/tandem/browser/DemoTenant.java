package dev.tandem.browser;

import java.util.List;

/**
 * A demo tenant (tenants/&lt;id&gt;/) and the demo users a story plays (password tandem-demo, see
 * tenants/README.md). Customer A is the first customer organization in tenant.yaml; {@code
 * otherTenant} is the demo tenant whose pages this tenant's users must never reach.
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
    String customerASignatory,
    String customerB,
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
          "acme-signatory",
          "globex-reviewer",
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
          "initech-signatory",
          "umbra-reviewer",
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
