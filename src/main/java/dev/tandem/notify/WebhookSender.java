package dev.tandem.notify;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one signed webhook request. The URL is checked by {@link WebhookAddressPolicy} right before
 * the request and the connection goes to exactly the addresses it checked (the host name is kept
 * for TLS: SNI and certificate verification), so a DNS answer cannot change in between. Short
 * timeouts, no redirects followed, at most a short excerpt of the response body read.
 */
@ApplicationScoped
public class WebhookSender {
  /** What came back. {@code status} is null when no response arrived. */
  public record Result(Integer status, String error, String excerpt, long millis) {
    public boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  private final NotifyConfig config;
  private final WebhookAddressPolicy policy;
  private final HttpClient client;

  WebhookSender(NotifyConfig config, Vertx vertx) {
    this.config = config;
    this.policy = policy(config);
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(true)
            .setVerifyHost(true)
            .setForceSni(true)
            .setKeepAlive(false)
            .setConnectTimeout((int) config.webhooks().connectTimeout().toMillis())
            .setMaxRedirects(0);
    config
        .webhooks()
        .extraTrustedCertificate()
        .ifPresent(pem -> options.setPemTrustOptions(new PemTrustOptions().addCertPath(pem)));
    this.client = vertx.createHttpClient(options);
  }

  /** The address policy of this configuration (production: nothing internal allowed). */
  public static WebhookAddressPolicy policy(NotifyConfig config) {
    List<String> allowed = config.webhooks().allowedNetworks().orElse(List.of());
    return new WebhookAddressPolicy(allowed, InetAddress::getAllByName);
  }

  public WebhookAddressPolicy policy() {
    return policy;
  }

  /** Posts the body with the Standard Webhooks headers. Never throws. */
  public Result send(String url, String messageId, long timestamp, String signature, String body) {
    long start = System.nanoTime();
    WebhookAddressPolicy.Target target;
    try {
      target = policy.check(url);
    } catch (WebhookAddressPolicy.Refused e) {
      return new Result(null, "refused: " + e.getMessage(), null, 0);
    }
    Duration timeout = config.webhooks().requestTimeout();
    int limit = Math.max(0, config.webhooks().responseExcerpt());
    InetAddress address = target.addresses().get(0);
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
            .setHost(target.host())
            .setPort(target.port())
            .setURI(target.pathAndQuery())
            .setSsl(true)
            .setFollowRedirects(false)
            .setTimeout(timeout.toMillis())
            .setConnectTimeout(config.webhooks().connectTimeout().toMillis())
            .putHeader("content-type", "application/json")
            .putHeader("user-agent", "Tandem-Webhooks/1")
            .putHeader("webhook-id", messageId)
            .putHeader("webhook-timestamp", Long.toString(timestamp))
            .putHeader("webhook-signature", signature);
    try {
      Result r =
          client
              .request(request)
              .compose(
                  req ->
                      req.send(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)))
                          .compose(
                              resp -> {
                                Buffer excerpt = Buffer.buffer();
                                resp.handler(
                                    chunk -> {
                                      int room = limit - excerpt.length();
                                      if (room > 0) {
                                        excerpt.appendBuffer(
                                            chunk.length() <= room ? chunk : chunk.slice(0, room));
                                      }
                                    });
                                return resp.end()
                                    .map(
                                        v ->
                                            new Result(
                                                resp.statusCode(),
                                                null,
                                                excerpt.toString(StandardCharsets.UTF_8),
                                                millis(start)));
                              }))
              .toCompletionStage()
              .toCompletableFuture()
              .get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
      return r;
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Result(null, describe(cause), null, millis(start));
    } catch (java.util.concurrent.TimeoutException e) {
      return new Result(null, "timed out", null, millis(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, "interrupted", null, millis(start));
    }
  }

  private static String describe(Throwable t) {
    String s = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return s.length() <= 300 ? s : s.substring(0, 299) + "…";
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
