package dev.tandem.web;

/**
 * Whether people can sign in right now, i.e. whether the identity provider answers. Declared here
 * so that the error mapping can answer "sign-in is temporarily unavailable" instead of sending a
 * browser to a Keycloak that hangs; implemented by {@code tenancy.KeycloakAvailability}.
 */
public interface SignInAvailability {
  boolean available();

  /** Seconds a client should wait before trying again (the Retry-After header). */
  int retryAfterSeconds();
}
