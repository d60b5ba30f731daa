package dev.tandem.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Errors raised by the HTTP layer itself, before any resource runs (body too large, no route), get
 * the same problem+json or page as everything else.
 */
@ApplicationScoped
public class VertxErrorPages {
  private static final Logger LOG = Logger.getLogger(VertxErrorPages.class);
  private final ErrorResponder errors;

  VertxErrorPages(ErrorResponder errors) {
    this.errors = errors;
  }

  void register(@Observes Router router) {
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 431, 500}) {
      router.errorHandler(
          status,
          rc -> {
            if (rc.response().ended() || rc.response().headWritten()) {
              return;
            }
            if (status >= 500 && rc.failure() != null) {
              LOG.error("Request failed", rc.failure());
            }
            String detail =
                switch (status) {
                  case 404 -> Problem.notFound().detail();
                  case 413 -> "The request body is larger than allowed.";
                  case 431 -> "The request headers are too large.";
                  case 500 -> "An internal error occurred.";
                  default -> Problem.titleFor(status) + ".";
                };
            errors.send(rc, Problem.of(status, detail));
          });
    }
  }
}
