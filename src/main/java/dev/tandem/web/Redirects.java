package dev.tandem.web;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Post/redirect/get for the pages: a form post answers 303 to the page that shows the result. */
public final class Redirects {
  private Redirects() {}

  public static Response seeOther(String path) {
    return Response.seeOther(URI.create(path)).build();
  }
}
