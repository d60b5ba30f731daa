package dev.tandem.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately naive HTTP/1.1 client over a plain socket: it sends exactly the bytes it is given
 * (request target, headers and body unchecked), which the JDK and REST Assured clients refuse or
 * "fix" — invalid UTF-8 or raw spaces in paths, repeated headers, a body on a GET, a wrong declared
 * type. One connection per request ({@code Connection: close}).
 */
final class RawHttp {
  /** A request header as sent (names may repeat). */
  record Header(String name, String value) {}

  /** What came back; {@code status} is -1 when the server closed the connection without a reply. */
  record Reply(int status, List<Header> headers, byte[] body, String error) {
    String header(String name) {
      for (Header h : headers) {
        if (h.name().equalsIgnoreCase(name)) {
          return h.value();
        }
      }
      return null;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Longer than any answer should take; a request that gets no answer by then is a failure. */
  static final int TIMEOUT_MS = 20_000;

  private final String host;
  private final int port;

  RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  Reply send(String method, byte[] target, List<Header> headers, byte[] body) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(TIMEOUT_MS);
      ByteArrayOutputStream head = new ByteArrayOutputStream(512);
      head.write(method.getBytes(StandardCharsets.ISO_8859_1));
      head.write(' ');
      head.write(target);
      head.write(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
      boolean hasHost = false;
      boolean hasLength = false;
      for (Header h : headers) {
        hasHost |= h.name().equalsIgnoreCase("Host");
        hasLength |=
            h.name().equalsIgnoreCase("Content-Length")
                || h.name().equalsIgnoreCase("Transfer-Encoding");
        head.write((h.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
        head.write(h.value().getBytes(StandardCharsets.UTF_8));
        head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      if (!hasHost) {
        head.write(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      if (body != null && !hasLength) {
        head.write(
            ("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      head.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      String writeError = null;
      try {
        out.write(head.toByteArray());
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // The server may answer (413) and close before it has read a large body.
        writeError = e.toString();
      }
      byte[] raw;
      try {
        raw = readAll(socket);
      } catch (IOException e) {
        return new Reply(-1, List.of(), new byte[0], e + (writeError == null ? "" : writeError));
      }
      return parse(raw, writeError);
    } catch (IOException e) {
      return new Reply(-1, List.of(), new byte[0], e.toString());
    }
  }

  /**
   * Reads one response: its head, then as much body as it declares (Content-Length or chunks), or
   * up to the end of the connection. Interim 100 responses are skipped; a 101 ends the read.
   */
  private static byte[] readAll(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream all = new ByteArrayOutputStream(4096);
    byte[] buf = new byte[16 * 1024];
    int headStart = 0;
    int n;
    try {
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
        byte[] data = all.toByteArray();
        int end = indexOf(data, CRLFCRLF, headStart);
        if (end < 0) {
          continue;
        }
        String head = new String(data, headStart, end - headStart, StandardCharsets.ISO_8859_1);
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http/1.1 100") || lower.startsWith("http/1.0 100")) {
          headStart = end + 4;
          continue;
        }
        if (lower.startsWith("http/1.1 101")) {
          break;
        }
        int bodyStart = end + 4;
        var length =
            java.util.regex.Pattern.compile("(?m)^content-length:\\s*(\\d+)").matcher(lower);
        if (length.find() && data.length - bodyStart >= Long.parseLong(length.group(1))) {
          break;
        }
        if (lower.contains("transfer-encoding: chunked")) {
          if (indexOf(data, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), bodyStart - 2)
              >= 0) {
            break;
          }
        } else if (!length.reset().find()) {
          // No framing: the body runs to the end of the connection. Some refusals (Vert.x's answer
          // to an "Upgrade: h2c" without settings) never close it; wait briefly, then take it.
          socket.setSoTimeout(2_000);
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      if (indexOf(all.toByteArray(), CRLFCRLF, headStart) < 0) {
        throw e;
      }
    } catch (java.net.SocketException e) {
      // A reset after the reply was sent: keep what arrived.
      if (all.size() == 0) {
        throw e;
      }
    }
    byte[] data = all.toByteArray();
    return headStart == 0 ? data : java.util.Arrays.copyOfRange(data, headStart, data.length);
  }

  private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private static Reply parse(byte[] raw, String writeError) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      return new Reply(-1, List.of(), raw, "no complete response head; " + writeError);
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return new Reply(-1, List.of(), raw, "bad status line: " + lines[0]);
    }
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(
            new Header(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    Reply reply = new Reply(status, headers, body, writeError);
    String te = reply.header("Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = dechunk(body);
    }
    return new Reply(status, headers, body, writeError);
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, at);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim();
      int semicolon = size.indexOf(';');
      int length = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
      if (length == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(body, start, Math.min(length, body.length - start));
      at = start + length + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
