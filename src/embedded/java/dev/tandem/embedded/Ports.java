package dev.tandem.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers: a free port for tests, and a clear message when a configured port is taken. */
final class Ports {
  private Ports() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupFailure("No free TCP port on the loopback interface", e);
    }
  }

  static int requireFree(int port, String what, String setting) {
    if (port == 0) {
      return freePort();
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return port;
    } catch (IOException e) {
      throw new StartupFailure(
          "Port "
              + port
              + " for "
              + what
              + " is already taken. Stop whatever uses it or choose another port with "
              + setting
              + ".");
    }
  }
}
