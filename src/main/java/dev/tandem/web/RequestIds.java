package dev.tandem.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: taken from a well-formed incoming X-Request-Id (e.g. from the ingress), else new.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String KEY = "tandem.requestId";
  private static final Pattern ACCEPTABLE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

  private RequestIds() {}

  static String choose(String incoming) {
    return incoming != null && ACCEPTABLE.matcher(incoming).matches()
        ? incoming
        : UUID.randomUUID().toString();
  }
}
