package dev.tandem.attack;

import dev.tandem.testing.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Who sends an attack request: a demo user of a tenant (with role and organization), the operator,
 * or nobody.
 */
public record Principal(String tenant, String username, String role, String organization) {
  public static final Principal ANONYMOUS = new Principal(null, null, null, null);
  public static final Principal OPERATOR =
      new Principal(null, "operator", "platform-operator", null);

  public String token() {
    if (this == ANONYMOUS) {
      return null;
    }
    if (this == OPERATOR) {
      return Tokens.operator();
    }
    return Tokens.of(tenant, username);
  }

  public boolean isCustomer() {
    return organization != null;
  }

  public String otherTenant() {
    return "nimbus".equals(tenant) ? "helio" : "nimbus";
  }

  /** Every demo role of both demo tenants. */
  public static List<Principal> tenantUsers() {
    List<Principal> all = new ArrayList<>();
    for (String[] t :
        new String[][] {
          {"nimbus", "acme-bank", "acme", "globex-health", "globex"},
          {"helio", "initech", "initech", "umbra-logistics", "umbra"}
        }) {
      String tenant = t[0];
      all.add(new Principal(tenant, tenant + "-admin", "provider-admin", null));
      all.add(new Principal(tenant, tenant + "-author", "provider-author", null));
      all.add(new Principal(tenant, tenant + "-approver", "provider-approver", null));
      all.add(new Principal(tenant, tenant + "-auditor", "provider-auditor", null));
      all.add(new Principal(tenant, t[2] + "-reviewer", "customer-reviewer", t[1]));
      all.add(new Principal(tenant, t[2] + "-signatory", "customer-signatory", t[1]));
      all.add(new Principal(tenant, t[4] + "-reviewer", "customer-reviewer", t[3]));
      all.add(new Principal(tenant, t[4] + "-signatory", "customer-signatory", t[3]));
    }
    return all;
  }

  @Override
  public String toString() {
    return this == ANONYMOUS ? "anonymous" : username;
  }
}
