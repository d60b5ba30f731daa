package dev.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Who is a provider, and how a refused role answers (plain JUnit, no Quarkus). */
@Tag("fast")
class RoleRulesTest {
  private static final Set<String> CUSTOMER_ONLY = Set.of(Roles.CUSTOMER_REVIEWER);
  private static final Set<String> AUTHOR_ONLY = Set.of(Roles.PROVIDER_AUTHOR);

  @Test
  void everyProviderRoleAndOnlyThoseMakeAProvider() {
    for (String role : Roles.PROVIDER) {
      assertTrue(Roles.isProvider(List.of(role)), role);
      assertTrue(Roles.isProvider(List.of(Roles.CUSTOMER_REVIEWER, role)), role);
    }
    assertEquals(4, Roles.PROVIDER.size());
    for (String role :
        List.of(Roles.CUSTOMER_REVIEWER, Roles.CUSTOMER_SIGNATORY, Roles.PLATFORM_OPERATOR, "x")) {
      assertFalse(Roles.isProvider(List.of(role)), role);
    }
    assertFalse(Roles.isProvider(List.of()));
    assertEquals(Set.of("customer-reviewer", "customer-signatory"), Roles.CUSTOMER);
  }

  @Test
  void aNonProviderRefusedAProviderOnlyOperationSeesAMissingResource() {
    assertTrue(RoleRefusal.looksMissing(CUSTOMER_ONLY, AUTHOR_ONLY));
    assertTrue(RoleRefusal.looksMissing(Set.of(), Roles.PROVIDER));
    assertTrue(RoleRefusal.looksMissing(Set.of(Roles.PLATFORM_OPERATOR), AUTHOR_ONLY));
  }

  @Test
  void routingErrorsLookMissingToEveryoneButProviders() {
    assertTrue(RoleRefusal.routingErrorLooksMissing(CUSTOMER_ONLY));
    assertTrue(RoleRefusal.routingErrorLooksMissing(Set.of()));
    assertFalse(RoleRefusal.routingErrorLooksMissing(Set.of(Roles.PROVIDER_AUDITOR)));
    assertFalse(RoleRefusal.routingErrorLooksMissing(AUTHOR_ONLY));
  }

  @Test
  void everyOtherRefusalIsAPlainForbidden() {
    // A provider lacking the operation's role knows provider operations exist.
    assertFalse(RoleRefusal.looksMissing(Set.of(Roles.PROVIDER_AUDITOR), AUTHOR_ONLY));
    // An operation open to a customer role is known to customers.
    assertFalse(
        RoleRefusal.looksMissing(
            CUSTOMER_ONLY, Set.of(Roles.PROVIDER_AUTHOR, Roles.CUSTOMER_SIGNATORY)));
    assertFalse(RoleRefusal.looksMissing(CUSTOMER_ONLY, Set.of(Roles.CUSTOMER_SIGNATORY)));
    assertFalse(RoleRefusal.looksMissing(Set.of(Roles.PROVIDER_ADMIN), CUSTOMER_ONLY));
    // No @RolesAllowed matched: nothing to hide.
    assertFalse(RoleRefusal.looksMissing(CUSTOMER_ONLY, Set.of()));
  }

  @RolesAllowed(Roles.PROVIDER_ADMIN)
  static class Annotated {
    @RolesAllowed({Roles.PROVIDER_AUTHOR, Roles.PROVIDER_APPROVER})
    public void own() {}

    public void inherits() {}

    @PermitAll
    public void open() {}

    @DenyAll
    public void closed() {}

    @Authenticated
    public void anyUser() {}
  }

  static class Plain {
    public void nothing() {}
  }

  private static Method method(Class<?> c, String name) throws NoSuchMethodException {
    return c.getMethod(name);
  }

  @Test
  void allowedRolesComeFromTheMethodElseFromTheClass() throws Exception {
    assertEquals(
        Set.of(Roles.PROVIDER_AUTHOR, Roles.PROVIDER_APPROVER),
        RoleRefusal.allowedRoles(method(Annotated.class, "own"), Annotated.class));
    assertEquals(
        Set.of(Roles.PROVIDER_ADMIN),
        RoleRefusal.allowedRoles(method(Annotated.class, "inherits"), Annotated.class));
    for (String own : List.of("open", "closed", "anyUser")) {
      assertEquals(
          Set.of(), RoleRefusal.allowedRoles(method(Annotated.class, own), Annotated.class), own);
    }
    assertEquals(Set.of(), RoleRefusal.allowedRoles(method(Annotated.class, "inherits"), null));
    assertEquals(Set.of(), RoleRefusal.allowedRoles(method(Plain.class, "nothing"), Plain.class));
    assertEquals(Set.of(), RoleRefusal.allowedRoles(null, Annotated.class));
  }
}
