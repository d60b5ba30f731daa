package dev.tandem.operations;

import java.net.URL;

/** The management interface's base URL (scheme, host, port) from an injected test URL. */
final class ManagementPort {
  private ManagementPort() {}

  static String base(URL injected) {
    return injected.getProtocol() + "://" + injected.getHost() + ":" + injected.getPort();
  }
}
