package dev.tandem.attack;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the OpenAPI document the running application serves ({@code /q/openapi}), read
 * at run time: the attack battery and the fuzz tests send each one, so a new endpoint is attacked
 * and fuzzed without anybody listing it.
 */
public final class ApiOperations {
  private ApiOperations() {}

  /** A query parameter and the JSON schema type the document gives it (or "string"). */
  public record QueryParam(String name, String type) {}

  /**
   * One operation: its method, path template, whether it takes a body (and of which media types),
   * and its query parameters.
   */
  public record Operation(
      String method,
      String path,
      boolean hasBody,
      List<String> bodyMediaTypes,
      List<QueryParam> query) {
    public String key() {
      return method + " " + path;
    }
  }

  public static List<Operation> fromOpenApi() throws Exception {
    String json =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode paths = new ObjectMapper().readTree(json).path("paths");
    List<Operation> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = e.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> m = methods.next();
        String method = m.getKey().toUpperCase();
        if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          continue;
        }
        JsonNode op = m.getValue();
        List<String> mediaTypes = new ArrayList<>();
        op.path("requestBody").path("content").fieldNames().forEachRemaining(mediaTypes::add);
        List<QueryParam> query = new ArrayList<>();
        for (JsonNode params : List.of(e.getValue().path("parameters"), op.path("parameters"))) {
          for (JsonNode p : params) {
            if ("query".equals(p.path("in").asText())) {
              query.add(
                  new QueryParam(
                      p.path("name").asText(), p.path("schema").path("type").asText("string")));
            }
          }
        }
        ops.add(
            new Operation(
                method,
                e.getKey(),
                op.has("requestBody"),
                List.copyOf(mediaTypes),
                List.copyOf(query)));
      }
    }
    return ops;
  }
}
