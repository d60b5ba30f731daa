package dev.tandem.notify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook address check with the production configuration (no allowed networks): only https,
 * and every address the host resolves to must be public.
 */
@Tag("fast")
class WebhookAddressPolicyTest {
  /** A resolver with fixed answers, so that no test depends on real DNS. */
  private static WebhookAddressPolicy.Resolver dns(Map<String, String[]> answers) {
    return host -> {
      String[] ips = answers.get(host);
      if (ips == null) {
        // Literal addresses resolve to themselves, as with the system resolver.
        if (host.matches("[0-9a-fA-F:.]+")) {
          return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
      }
      InetAddress[] result = new InetAddress[ips.length];
      for (int i = 0; i < ips.length; i++) {
        result[i] = InetAddress.getByName(ips[i]);
      }
      return result;
    };
  }

  private static final WebhookAddressPolicy PRODUCTION =
      new WebhookAddressPolicy(
          List.of(),
          dns(
              Map.of(
                  "hooks.example.com", new String[] {"93.184.216.34"},
                  "rebind.example.com", new String[] {"93.184.216.34", "10.0.0.1"},
                  "metadata.example.com", new String[] {"169.254.169.254"},
                  "v6.example.com", new String[] {"2606:2800:220:1:248:1893:25c8:1946"},
                  "local6.example.com", new String[] {"fd00:ec2::254"})));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://10.0.0.1/hook",
        "https://172.16.5.4/",
        "https://192.168.1.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/",
        "https://0.0.0.0/",
        "https://[::1]/",
        "https://[fe80::1]/",
        "https://[fd00:ec2::254]/",
        "https://[::ffff:127.0.0.1]/",
        "https://metadata.example.com/",
        "https://local6.example.com/",
        "https://rebind.example.com/",
        "https://224.0.0.1/"
      })
  void internalAddressesAreRefusedInProduction(String url) {
    assertThrows(WebhookAddressPolicy.Refused.class, () -> PRODUCTION.check(url), url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://hooks.example.com/",
        "ftp://hooks.example.com/",
        "https://user:pw@hooks.example.com/",
        "https:///nohost",
        "https://hooks.example.com/#frag",
        "https://no-such-host.example.com/",
        "not a url",
        ""
      })
  void onlyWellFormedHttpsUrlsAreAccepted(String url) {
    assertThrows(WebhookAddressPolicy.Refused.class, () -> PRODUCTION.check(url), url);
  }

  @Test
  void publicAddressesAreAcceptedAndPinned() throws Exception {
    WebhookAddressPolicy.Target t = PRODUCTION.check("https://hooks.example.com:8443/in?x=1");
    assertEquals("hooks.example.com", t.host());
    assertEquals(8443, t.port());
    assertEquals("/in?x=1", t.pathAndQuery());
    assertEquals(List.of(InetAddress.getByName("93.184.216.34")), t.addresses());
    assertDoesNotThrow(() -> PRODUCTION.check("https://v6.example.com/"));
  }

  @Test
  void theTestAllowListOpensExactlyItsNetworks() {
    WebhookAddressPolicy tests = new WebhookAddressPolicy(List.of("127.0.0.1/32"), dns(Map.of()));
    assertDoesNotThrow(() -> tests.check("https://127.0.0.1:8443/hook"));
    assertThrows(WebhookAddressPolicy.Refused.class, () -> tests.check("https://127.0.0.2/"));
    assertThrows(WebhookAddressPolicy.Refused.class, () -> tests.check("https://10.0.0.1/"));
  }

  @Test
  void theProductionPolicyHasNoAllowList() throws Exception {
    assertTrue(!WebhookAddressPolicy.production().allowed(InetAddress.getByName("127.0.0.1")));
    assertTrue(!WebhookAddressPolicy.production().allowed(InetAddress.getByName("10.0.0.1")));
  }
}
