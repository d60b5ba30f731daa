package dev.tandem.web;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the {@code Link} header of every paged list (an operation taking {@link PageParams}'
 * {@code cursor}) on its 200 response. Called by the document's filter ({@link
 * TenantPathParameter}).
 */
final class PagingDocumentation {
  private PagingDocumentation() {}

  static void document(OpenAPI openAPI) {
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Operation operation : path.getValue().getOperations().values()) {
        boolean paged =
            operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()));
        if (!paged || operation.getResponses() == null) {
          continue;
        }
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null) {
          ok.addHeader(PageLinks.HEADER, linkHeader());
        }
      }
    }
  }

  private static Header linkHeader() {
    return OASFactory.createHeader()
        .description(
            "RFC 8288 link to the next page, present while there is one: `<path?…&cursor=…>;"
                + " rel=\"next\"` (relative to the request; the other query parameters kept).")
        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
  }
}
