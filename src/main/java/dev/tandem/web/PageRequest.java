package dev.tandem.web;

import java.util.List;

/**
 * One page of a list: at most {@code limit} items, those after {@code after} (null: from the
 * start). The one paging rule of every list the API and the pages serve: a default and a maximum
 * page size, and an opaque cursor naming the last item already seen, so a page stays the same
 * whatever is inserted before it (no offsets). See docs/api.md#paging.
 */
public record PageRequest(int limit, Cursor after) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public static final PageRequest FIRST = new PageRequest(DEFAULT_LIMIT, null);

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
  }

  /**
   * The page the query parameters ask for; a limit that is not a number from 1 to {@link
   * #MAX_LIMIT} or a cursor this server did not write answers 400.
   */
  public static PageRequest parse(String limit, String cursor) {
    int n = DEFAULT_LIMIT;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_LIMIT) {
        throw new InvalidInputException(
            List.of(
                new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
      }
    }
    Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor.trim());
    return new PageRequest(n, after);
  }

  /** How many rows to fetch: one more than a page, to know whether another page follows. */
  public int fetchSize() {
    return limit + 1;
  }
}
