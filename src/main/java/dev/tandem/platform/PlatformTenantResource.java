package dev.tandem.platform;

import dev.tandem.security.CurrentUser;
import dev.tandem.security.Roles;
import dev.tandem.signing.SigningKeyResource;
import dev.tandem.signing.TenantKeys;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantProvisioner;
import dev.tandem.tenancy.TenantRecord;
import dev.tandem.tenancy.TenantRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform operator's API (realm tandem-platform): list, provision, suspend and resume tenants.
 * It exposes registry metadata only — never a tenant's content, customers or users.
 */
@Path("/platform/api/tenants")
@Tag(name = "Platform operations")
@RolesAllowed(Roles.PLATFORM_OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformTenantResource {
  /** What the operator sees of a tenant. */
  public record TenantStatus(String id, String displayName, String status) {}

  private final TenantProvisioner provisioner;
  private final TenantRegistry registry;
  private final TenantKeys keys;
  private final CurrentUser user;

  PlatformTenantResource(
      TenantProvisioner provisioner, TenantRegistry registry, TenantKeys keys, CurrentUser user) {
    this.provisioner = provisioner;
    this.registry = registry;
    this.keys = keys;
    this.user = user;
  }

  @GET
  @Operation(summary = "All tenants with their status")
  public List<TenantStatus> list() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                TenantRecord.<TenantRecord>list("order by id").stream()
                    .map(r -> new TenantStatus(r.id, r.displayName, r.status.name()))
                    .toList());
  }

  @POST
  @Path("/sync")
  @Operation(summary = "Provision tenants from the tenants-as-code folder (idempotent)")
  public TenantProvisioner.SyncReport sync() {
    return provisioner.sync();
  }

  @POST
  @Path("/{id}/suspend")
  @Operation(summary = "Suspend a tenant: all its pages and API answer 404 until resumed")
  public TenantStatus suspend(@PathParam("id") String id) {
    return setStatus(id, TenantRecord.Status.SUSPENDED);
  }

  @POST
  @Path("/{id}/resume")
  @Operation(summary = "Resume a suspended tenant")
  public TenantStatus resume(@PathParam("id") String id) {
    return setStatus(id, TenantRecord.Status.ACTIVE);
  }

  @POST
  @Path("/{id}/signing-key/rotate")
  @Operation(
      summary = "Rotate a tenant's signing key",
      description =
          "A new key signs for the tenant from now on; the old one stays published in the tenant's"
              + " JWKS. Answers the new key's public information only. Audited in the tenant's"
              + " trail.")
  public SigningKeyResource.KeyInfo rotateSigningKey(@PathParam("id") String id) {
    if (registry.any(id).isEmpty()) {
      throw new NotFoundException();
    }
    String operator = user.username();
    return TenantContext.runAs(id, () -> SigningKeyResource.info(id, keys.rotate(operator)));
  }

  private TenantStatus setStatus(String id, TenantRecord.Status status) {
    TenantStatus result =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  TenantRecord record = TenantRecord.findById(id);
                  if (record == null) {
                    throw new NotFoundException();
                  }
                  if (record.status != status) {
                    record.status = status;
                    record.updatedAt = OffsetDateTime.now();
                  }
                  return new TenantStatus(record.id, record.displayName, record.status.name());
                });
    registry.refresh();
    return result;
  }
}
