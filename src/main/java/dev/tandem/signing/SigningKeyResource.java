package dev.tandem.signing;

import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import dev.tandem.tenancy.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider administrator's operation on the tenant's signing key: rotation. (The platform
 * operator has the same operation on the platform API.) Public keys are read at the tenant's JWKS.
 */
@RolesAllowed(Roles.PROVIDER_ADMIN)
@Path("/t/{tenant}/api/signing/keys")
@Tag(
    name = "Signing",
    description = "The tenant's signing keys (public keys: /t/{tenant}/.well-known/jwks.json)")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {
  /** What a rotation answers: the new key (public information only). */
  public record KeyInfo(String kid, Instant created, String subject, String jwks) {}

  private final TenantKeys keys;
  private final CurrentUser user;
  private final TenantContext tenant;

  SigningKeyResource(TenantKeys keys, CurrentUser user, TenantContext tenant) {
    this.keys = keys;
    this.user = user;
    this.tenant = tenant;
  }

  @POST
  @Path("/rotate")
  @Operation(
      summary = "Rotate the tenant's signing key",
      description =
          "A new key signs from now on; the old one is retired but stays published in the"
              + " tenant's JWKS, so everything it signed still verifies. Audited.")
  public KeyInfo rotate() {
    return info(tenant.requireTenantId(), keys.rotate(user.username()));
  }

  /** The public view of a key (also the platform operator's answer). */
  public static KeyInfo info(String tenantId, PublishedKey k) {
    return new KeyInfo(
        k.kid(),
        k.created(),
        k.certificate().getSubjectX500Principal().getName(),
        "/t/" + tenantId + "/.well-known/jwks.json");
  }
}
