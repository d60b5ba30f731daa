package dev.tandem.web;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the {@code tenant} path segment on every operation under {@code /t/{tenant}}. Resource
 * methods do not declare it: the tenant is resolved once, by the tenancy filter, from the path, so
 * a parameter on each method would exist only to be ignored. Also documents the paged lists' {@code
 * Link} header ({@link PagingDocumentation}).
 */
public class TenantPathParameter implements OASFilter {
  private static final String NAME = "tenant";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null) {
      return;
    }
    PagingDocumentation.document(openAPI);
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().contains("{" + NAME + "}")) {
        continue;
      }
      for (Operation operation : path.getValue().getOperations().values()) {
        if (!declares(operation)) {
          operation.addParameter(tenantParameter());
        }
      }
    }
  }

  private static boolean declares(Operation operation) {
    return operation.getParameters() != null
        && operation.getParameters().stream()
            .anyMatch(p -> NAME.equals(p.getName()) && p.getIn() == Parameter.In.PATH);
  }

  private static Parameter tenantParameter() {
    return OASFactory.createParameter()
        .name(NAME)
        .in(Parameter.In.PATH)
        .required(true)
        .description("The tenant (cloud service provider) the request belongs to.")
        .schema(
            OASFactory.createSchema()
                .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
  }
}
