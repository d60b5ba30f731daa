package dev.tandem.testing;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole paged list (docs/api.md#paging) by following its {@code Link: <…>; rel="next"}
 * headers: tests that look for an item in a list must not depend on it being on the first page.
 */
public final class Pages {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

  private Pages() {}

  /** Every item of the list at {@code path} (200 per page), each request from {@code as}. */
  public static List<Map<String, Object>> all(Supplier<RequestSpecification> as, String path) {
    List<Map<String, Object>> items = new ArrayList<>();
    String next = path + (path.contains("?") ? "&" : "?") + "limit=200";
    while (next != null) {
      Response page = as.get().get(next);
      page.then().statusCode(200);
      items.addAll(page.jsonPath().getList(""));
      next = next(page);
    }
    return items;
  }

  /** The next page's address, or null on the last page. */
  public static String next(Response page) {
    String link = page.header("Link");
    if (link == null) {
      return null;
    }
    Matcher m = NEXT.matcher(link);
    return m.find() ? m.group(1) : null;
  }
}
