package dev.tandem.review;

import dev.tandem.publishing.CustomerAccess;
import jakarta.enterprise.context.ApplicationScoped;

/** Publishing's question "may this organization read it?", answered from grants and acceptances. */
@ApplicationScoped
public class GrantedCustomerAccess implements CustomerAccess {
  @Override
  public boolean serviceOpen(String organizationId, String serviceId) {
    return AccessGrant.of(serviceId, organizationId).map(AccessGrant::open).orElse(false);
  }

  @Override
  public boolean accepted(String organizationId, String serviceId, int number) {
    return Acceptance.exists(organizationId, serviceId, number);
  }
}
