package dev.tandem.security;

import java.util.Set;

/** The realm roles Tandem understands (see docs/tenancy.md for what each may do). */
public final class Roles {
  public static final String PROVIDER_ADMIN = "provider-admin";
  public static final String PROVIDER_AUTHOR = "provider-author";
  public static final String PROVIDER_APPROVER = "provider-approver";
  public static final String PROVIDER_AUDITOR = "provider-auditor";
  public static final String CUSTOMER_REVIEWER = "customer-reviewer";
  public static final String CUSTOMER_SIGNATORY = "customer-signatory";
  public static final String PLATFORM_OPERATOR = "platform-operator";

  /** The roles of the tenant's own staff. */
  public static final Set<String> PROVIDER =
      Set.of(PROVIDER_ADMIN, PROVIDER_AUTHOR, PROVIDER_APPROVER, PROVIDER_AUDITOR);

  /** The roles of users of the tenant's customer organizations. */
  public static final Set<String> CUSTOMER = Set.of(CUSTOMER_REVIEWER, CUSTOMER_SIGNATORY);

  private Roles() {}

  /** Whether a user holding {@code roles} is the tenant's own staff: the one definition. */
  public static boolean isProvider(java.util.Collection<String> roles) {
    return roles.stream().anyMatch(PROVIDER::contains);
  }
}
