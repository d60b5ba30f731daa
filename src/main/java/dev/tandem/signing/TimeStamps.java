package dev.tandem.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * RFC 3161 time-stamps: a client for a time-stamping authority over HTTP (RFC 3161 §3.4,
 * application/timestamp-query), and the check of a token against the bytes it stamps. A token
 * proves that the stamped signature existed at the authority's time; whether the authority is
 * trusted is the verifier's decision (its certificate is in the token).
 */
public final class TimeStamps {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TimeStamps() {}

  /** The time-stamping authority did not give a valid token. */
  public static final class Failed extends IOException {
    Failed(String message) {
      super(message);
    }
  }

  /** A time-stamping authority at a URL. */
  public static final class Client {
    private final URI url;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Client(String url) {
      this.url = URI.create(url);
    }

    /** A token over the SHA-256 of {@code data} (DER), checked against the request. */
    public byte[] stamp(byte[] data) throws Failed {
      TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
      gen.setCertReq(true);
      BigInteger nonce = new BigInteger(64, RANDOM);
      TimeStampRequest request = gen.generate(TSPAlgorithms.SHA256, sha256(data), nonce);
      HttpResponse<byte[]> response;
      try {
        response =
            http.send(
                HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failed("interrupted while asking the time-stamping authority");
      } catch (IOException e) {
        throw new Failed("the time-stamping authority is unreachable: " + e.getMessage());
      }
      if (response.statusCode() != 200) {
        throw new Failed("the time-stamping authority answered HTTP " + response.statusCode());
      }
      try {
        TimeStampResponse tsr = new TimeStampResponse(response.body());
        tsr.validate(request);
        TimeStampToken token = tsr.getTimeStampToken();
        if (token == null) {
          throw new Failed("the time-stamping authority refused: " + tsr.getStatusString());
        }
        Checked checked = check(token.getEncoded(), data);
        if (!checked.valid()) {
          throw new Failed("the time-stamp token does not verify: " + checked.problem());
        }
        return token.getEncoded();
      } catch (Failed e) {
        throw e;
      } catch (TSPException | IOException e) {
        throw new Failed("the time-stamping authority's answer is invalid: " + e.getMessage());
      }
    }
  }

  /** What a token says, and whether it stamps the given bytes. */
  public record Checked(boolean valid, String problem, Instant time, String authority) {}

  /** Checks a token (DER) against the bytes it should stamp: imprint and token signature. */
  public static Checked check(byte[] tokenDer, byte[] stamped) {
    try {
      TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(tokenDer));
      Instant time = token.getTimeStampInfo().getGenTime().toInstant();
      if (!TSPAlgorithms.SHA256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())) {
        return new Checked(false, "the imprint is not SHA-256", time, null);
      }
      if (!MessageDigest.isEqual(
          token.getTimeStampInfo().getMessageImprintDigest(), sha256(stamped))) {
        return new Checked(false, "it stamps other bytes than this signature", time, null);
      }
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> certs =
          token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID());
      if (certs.isEmpty()) {
        return new Checked(false, "the token carries no certificate of its authority", time, null);
      }
      X509Certificate tsa =
          new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
      return new Checked(true, null, time, tsa.getSubjectX500Principal().getName());
    } catch (Exception e) {
      return new Checked(false, "unreadable or invalid token: " + e.getMessage(), null, null);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
