package dev.tandem.portal;

import dev.tandem.tenancy.TenantContext;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sign-out link, {@code /t/{tenant}/logout}. Authentication is lazy, so the OIDC mechanism only
 * sees this path when a secured resource is here: while authenticating it recognises the tenant's
 * logout path, ends the session and sends the browser to the tenant's Keycloak (RP-initiated
 * logout), which returns to the tenant's start page. This method runs only if that did not happen.
 */
@Path("/t/{tenant}/logout")
@Authenticated
public class SignOutPage {
  private final TenantContext tenant;

  SignOutPage(TenantContext tenant) {
    this.tenant = tenant;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public Response logout() {
    return Response.seeOther(URI.create("/t/" + tenant.requireTenantId() + "/home")).build();
  }
}
