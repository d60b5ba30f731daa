package dev.tandem.interchange;

import dev.tandem.web.ErrorResponder;
import dev.tandem.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Keeps the body limit of every request at 1 MiB except the imports, which take files up to 10 MiB
 * (the HTTP layer's own limit, {@code quarkus.http.limits.max-body-size}, is 11 MiB so that a
 * multipart upload of a 10 MiB file fits). A body announced larger than 1 MiB anywhere else is
 * refused with the same 413 problem before it is read. Chunked bodies without a length elsewhere
 * are held to the 11 MiB of the HTTP layer.
 */
@ApplicationScoped
class ImportBodyLimit {
  static final long OTHER_REQUESTS = 1024 * 1024;
  private static final int PRIORITY = SecurityHandlerPriorities.CORS + 180;
  private static final Pattern IMPORTS =
      Pattern.compile(
          "^/t/[^/]+/(api/services/[^/]+/drafts/current/import(/preview)?"
              + "|interchange/services/[^/]+/drafts/current/import(/apply)?)$");

  private final ErrorResponder errors;

  ImportBodyLimit(ErrorResponder errors) {
    this.errors = errors;
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext rc) {
    String length = rc.request().getHeader("Content-Length");
    if (length != null && !isImport(rc.normalizedPath())) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n > OTHER_REQUESTS) {
        errors.send(rc, Problem.of(413, "The request body is larger than allowed."));
        return;
      }
    }
    rc.next();
  }

  static boolean isImport(String path) {
    return IMPORTS.matcher(path).matches();
  }
}
