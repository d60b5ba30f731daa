package dev.tandem.security;

/** The realm roles Tandem understands (see docs/tenancy.md for what each may do). */
public final class Roles {
  public static final String PROVIDER_ADMIN = "provider-admin";
  public static final String PROVIDER_AUTHOR = "provider-author";
  public static final String PROVIDER_APPROVER = "provider-approver";
  public static final String PROVIDER_AUDITOR = "provider-auditor";
  public static final String CUSTOMER_REVIEWER = "customer-reviewer";
  public static final String CUSTOMER_SIGNATORY = "customer-signatory";
  public static final String PLATFORM_OPERATOR = "platform-operator";

  private Roles() {}
}
