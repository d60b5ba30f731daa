package dev.tandem.security;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who am I in this tenant: the signed-in user as Tandem sees them. */
@Path("/t/{tenant}/api/me")
@Tag(name = "Identity")
@Authenticated
public class MeResource {
  private final CurrentUser user;
  private final TenantContext tenant;

  MeResource(CurrentUser user, TenantContext tenant) {
    this.user = user;
    this.tenant = tenant;
  }

  /** The caller's identity. {@code organization} is set for customer users only. */
  public record Me(
      String tenant, String username, String displayName, Set<String> roles, String organization) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The signed-in user: name, roles and customer organization")
  public Me me() {
    return new Me(
        tenant.requireTenantId(),
        user.username(),
        user.displayName(),
        user.roles(),
        user.organization().orElse(null));
  }
}
