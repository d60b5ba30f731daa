package dev.tandem.catalog;

import dev.tandem.security.Roles;
import dev.tandem.web.PageParams;
import dev.tandem.web.Slice;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The control catalogs. Catalogs are global, read-only data; they are served under the tenant path
 * so that every tenant user (provider or customer) can read them with their own token.
 */
@RolesAllowed({
  Roles.PROVIDER_ADMIN,
  Roles.PROVIDER_AUTHOR,
  Roles.PROVIDER_APPROVER,
  Roles.PROVIDER_AUDITOR,
  Roles.CUSTOMER_REVIEWER,
  Roles.CUSTOMER_SIGNATORY
})
@Path("/t/{tenant}/api/catalogs")
@Tag(name = "Catalogs", description = "Control frameworks (ids and short titles, © ISO/IEC)")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {
  private final Catalogs catalogs;
  private final CatalogViews views;

  CatalogResource(Catalogs catalogs, CatalogViews views) {
    this.catalogs = catalogs;
    this.views = views;
  }

  @GET
  @Operation(summary = "List the control catalogs")
  public List<CatalogViews.CatalogSummary> list(@BeanParam PageParams page) {
    return Slice.inMemory(
        catalogs.all().stream().map(views::summary).toList(),
        page.request(),
        CatalogViews.CatalogSummary::id);
  }

  @GET
  @Path("/{catalogId}")
  @Operation(
      summary = "A catalog with its groups and controls",
      description =
          "Controls in document order, each with its groups (clause, category), attributes and its"
              + " mapping to ISO/IEC 27002:2022 (ISO/IEC 27002:2022 Annex B).")
  public CatalogViews.CatalogView catalog(
      @Parameter(example = "iso27017-2015") @PathParam("catalogId") String catalogId) {
    return views.view(catalogs.require(catalogId));
  }
}
