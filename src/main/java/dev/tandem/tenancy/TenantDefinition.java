package dev.tandem.tenancy;

import java.util.List;

/** A tenant as written in {@code tenants/<id>/tenant.yaml} (tenants as code). */
public record TenantDefinition(
    String id,
    String displayName,
    boolean isPublic,
    Contact contact,
    Branding branding,
    List<Service> services,
    List<Customer> customers,
    Identity identity,
    String nda) {

  public record Contact(String name, String email) {}

  public record Branding(String primaryColor, String accentColor, String logo) {}

  public record Service(String id, String name, String catalog, String description) {}

  public record Customer(String id, String name) {}

  public record Identity(String realm, String clientId) {}
}
