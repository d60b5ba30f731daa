package dev.tandem.web;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging query parameters every list operation takes ({@code @BeanParam PageParams page}):
 * {@code limit} and {@code cursor}, read through {@link PageRequest#parse}.
 */
public class PageParams {
  @QueryParam("limit")
  @Parameter(
      description = "Items per page, 1 to 200 (default 50).",
      schema =
          @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50"))
  public String limit;

  @QueryParam("cursor")
  @Parameter(
      description =
          "Where the page starts: the cursor of the previous page's Link rel=\"next\" header"
              + " (opaque). Without it, the first page.",
      schema = @Schema(type = SchemaType.STRING, maxLength = 400))
  public String cursor;

  public PageRequest request() {
    return PageRequest.parse(limit, cursor);
  }
}
