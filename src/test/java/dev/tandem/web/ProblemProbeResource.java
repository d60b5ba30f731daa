package dev.tandem.web;

import dev.tandem.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/** Test-only endpoints that fail on purpose, to prove how every kind of error is answered. */
@Path("/platform/api/probe")
public class ProblemProbeResource {
  public record Body(@NotBlank @Size(max = 10) String name) {}

  @POST
  @Path("/echo")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  public Body echo(@Valid Body body) {
    return body;
  }

  @POST
  @Path("/form")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(hidden = true)
  public String form(@RestForm String a) {
    return a;
  }

  @GET
  @Path("/boom")
  @Operation(hidden = true)
  public String boom() {
    throw new IllegalStateException("secret internal detail");
  }

  @GET
  @Path("/conflict")
  @Operation(hidden = true)
  public String conflict() {
    throw new OptimisticLockException("row changed");
  }

  /** A tenant API operation only provider admins may call. */
  @Path("/t/{tenant}/api/probe")
  public static class AdminOnly {
    @GET
    @Path("/admin-only")
    @RolesAllowed(Roles.PROVIDER_ADMIN)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String adminOnly() {
      return "ok";
    }

    @POST
    @Path("/echo")
    @RolesAllowed(Roles.PROVIDER_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Body echo(@Valid Body body) {
      return body;
    }

    @GET
    @Path("/log")
    @RolesAllowed(Roles.PROVIDER_ADMIN)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public String log(@QueryParam("marker") String marker) {
      Logger.getLogger(ProblemProbeResource.class).infof("probe log line %s", marker);
      return "logged";
    }
  }
}
