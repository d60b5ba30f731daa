package dev.tandem.signing;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /t/{tenant}/.well-known/jwks.json}: the tenant's public signing keys and certificates, for
 * anyone who verifies an annex, receipt or checkpoint (no sign-in). Every key the tenant ever used
 * stays listed with its created and retired dates. An unknown or suspended tenant answers like any
 * unknown path (the tenant filter's 404). Not an API operation: a well-known document.
 */
@Path("/t/{tenant}/.well-known/jwks.json")
public class JwksResource {
  static final String MEDIA_TYPE = "application/jwk-set+json";

  private final TenantKeys keys;

  JwksResource(TenantKeys keys) {
    this.keys = keys;
  }

  @GET
  @PermitAll
  @Produces(MEDIA_TYPE)
  @Operation(hidden = true)
  public Response jwks() {
    byte[] body = Jws.canonical(Jwks.document(keys.published()));
    return Response.ok(new String(body, StandardCharsets.UTF_8), MEDIA_TYPE)
        // Public, and it changes only by rotation: caches may keep it a few minutes.
        .header("Cache-Control", "public, max-age=300")
        .header("Access-Control-Allow-Origin", "*")
        .build();
  }
}
