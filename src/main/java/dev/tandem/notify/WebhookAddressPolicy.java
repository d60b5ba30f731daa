package dev.tandem.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may send requests (no server-side request forgery): {@code https} URLs only,
 * without user info or fragment, whose host resolves only to public unicast addresses — never
 * loopback, private (RFC 1918, unique local), link-local (cloud metadata at 169.254.169.254 and
 * fd00:ec2::254 included), carrier-grade NAT, multicast, unspecified, documentation, benchmark or
 * reserved ranges — unless the address is inside one of the configured allowed networks (tests).
 * The sender connects to exactly the addresses checked here, so DNS cannot be switched between the
 * check and the connection. A plain class, tested without Quarkus.
 */
public final class WebhookAddressPolicy {
  /** A refused URL or address; the message is safe to show to the customer. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  /** A resolver (the system's, or a fixed one in tests). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** A checked target: the URL's parts and the addresses to connect to. */
  public record Target(
      URI uri, String host, int port, String pathAndQuery, List<InetAddress> addresses) {}

  private record Network(byte[] base, int prefix) {
    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != base.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != base[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (base[full] & mask);
    }
  }

  private static final List<Network> BLOCKED =
      List.of(
          net("0.0.0.0/8"),
          net("10.0.0.0/8"),
          net("100.64.0.0/10"),
          net("127.0.0.0/8"),
          net("169.254.0.0/16"),
          net("172.16.0.0/12"),
          net("192.0.0.0/24"),
          net("192.0.2.0/24"),
          net("192.88.99.0/24"),
          net("192.168.0.0/16"),
          net("198.18.0.0/15"),
          net("198.51.100.0/24"),
          net("203.0.113.0/24"),
          net("224.0.0.0/4"),
          net("240.0.0.0/4"),
          net("::/128"),
          net("::1/128"),
          net("64:ff9b::/96"),
          net("100::/64"),
          net("2001:db8::/32"),
          net("2002::/16"),
          net("fc00::/7"),
          net("fe80::/10"),
          net("fec0::/10"),
          net("ff00::/8"));

  private final List<Network> allowed;
  private final Resolver resolver;

  /**
   * @param allowedNetworks CIDR networks allowed although internal (empty in production)
   */
  public WebhookAddressPolicy(List<String> allowedNetworks, Resolver resolver) {
    List<Network> a = new ArrayList<>();
    for (String cidr : allowedNetworks) {
      a.add(net(cidr.strip()));
    }
    this.allowed = List.copyOf(a);
    this.resolver = resolver;
  }

  /** The production policy: nothing internal allowed, the system resolver. */
  public static WebhookAddressPolicy production() {
    return new WebhookAddressPolicy(List.of(), InetAddress::getAllByName);
  }

  /** Checks the URL's form only (no DNS): https, a host, no user info, no fragment. */
  public static URI parse(String url) throws Refused {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.strip());
    } catch (URISyntaxException e) {
      throw new Refused("not a valid URL");
    }
    if (!"https"
        .equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new Refused("only https URLs are allowed");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("user names or passwords in the URL are not allowed");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new Refused("the URL needs a host name");
    }
    if (uri.getRawFragment() != null) {
      throw new Refused("a fragment (#…) is not allowed");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new Refused("invalid port");
    }
    return uri;
  }

  /** Checks the URL and resolves its host; every address must be allowed. */
  public Target check(String url) throws Refused {
    URI uri = parse(url);
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress[] resolved;
    try {
      resolved = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new Refused("the host name does not resolve");
    }
    if (resolved == null || resolved.length == 0) {
      throw new Refused("the host name does not resolve");
    }
    List<InetAddress> ok = new ArrayList<>();
    for (InetAddress a : resolved) {
      if (!allowed(a)) {
        throw new Refused(
            "the host resolves to an internal address (loopback, private, link-local or reserved)");
      }
      ok.add(a);
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    return new Target(uri, host, uri.getPort() == -1 ? 443 : uri.getPort(), path, List.copyOf(ok));
  }

  /** Whether one address may be reached. */
  public boolean allowed(InetAddress a) {
    for (Network n : allowed) {
      if (n.contains(a)) {
        return true;
      }
    }
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    for (Network n : BLOCKED) {
      if (n.contains(a)) {
        return false;
      }
    }
    return a instanceof Inet4Address || a instanceof Inet6Address;
  }

  private static Network net(String cidr) {
    int slash = cidr.indexOf('/');
    String ip = slash < 0 ? cidr : cidr.substring(0, slash);
    try {
      // Literal addresses only: getByName does not touch DNS for them.
      if (!ip.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("not an IP network: " + cidr);
      }
      byte[] base = InetAddress.getByName(ip).getAddress();
      int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      if (prefix < 0 || prefix > base.length * 8) {
        throw new IllegalArgumentException("bad prefix: " + cidr);
      }
      return new Network(base, prefix);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP network: " + cidr, e);
    }
  }
}
