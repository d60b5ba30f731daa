package dev.tandem.fuzz;

import dev.tandem.fuzz.RawHttp.Header;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seeded generator of bad requests for one operation: odd path segments and tenants, path
 * shapes and methods, repeated and malformed query parameters, wrong and missing content types, odd
 * headers and credentials, and bodies with missing, extra, null and wrongly typed fields, very long
 * strings, deep nesting, invalid UTF-8, control and bidi-override characters, malformed JSON or
 * forms, and oversized bodies. A fixed list covers every kind once; a seeded random mix of them
 * fills up to the wanted number, so a failing case can be sent again from its seed.
 */
final class FuzzCases {
  /** One request to send. {@code kind} names the category, {@code label} the exact mutation. */
  record FuzzCase(
      String kind, String label, String method, byte[] target, List<Header> headers, byte[] body) {
    String targetText() {
      String t = new String(target, StandardCharsets.ISO_8859_1);
      return t.length() > 160 ? t.substring(0, 160) + "…(" + t.length() + ")" : t;
    }
  }

  /** How the operation's body is written. */
  enum BodyKind {
    NONE,
    JSON,
    FORM,
    MULTIPART
  }

  /**
   * The operation as it is normally called: path template with the values chosen for its
   * parameters, the headers that authenticate the caller, and a well-formed body (JSON object text,
   * or form fields).
   */
  record Target(
      String method,
      String pathTemplate,
      Map<String, String> params,
      boolean ownIds,
      List<String> query,
      List<String> headerParams,
      List<Header> auth,
      BodyKind bodyKind,
      String json,
      Map<String, String> form,
      List<String> fileFields) {}

  /** The server's body limit ({@code quarkus.http.limits.max-body-size}), for cases around it. */
  static final int MAX_BODY =
      sizeInBytes(
          org.eclipse.microprofile.config.ConfigProvider.getConfig()
              .getOptionalValue("quarkus.http.limits.max-body-size", String.class)
              .orElse("1M"));

  /** "11M", "64K", "1048576" → bytes. */
  static int sizeInBytes(String size) {
    String s = size.trim().toUpperCase(java.util.Locale.ROOT);
    int unit =
        s.endsWith("G") ? 1 << 30 : s.endsWith("M") ? 1 << 20 : s.endsWith("K") ? 1 << 10 : 1;
    String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
    return Math.toIntExact(Long.parseLong(digits) * unit);
  }

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** Texts that have broken parsers, databases, templates and documents. */
  static final List<String> ODD_STRINGS =
      List.of(
          "",
          " ",
          "\t\n\r",
          "null",
          "0",
          "-1",
          "true",
          "\u0000",
          "a\u0000b",
          "\u0001\u0002\u0008\u000b\u000c\u001b\u001f",
          "\u007f\u0085\u009f",
          "\r\n\r\nHTTP/1.1 200 OK",
          "\u2028\u2029",
          "\u202Eevil\u202C",
          "\u2066\u2067\u2068\u2069",
          "\u200E\u200F\u061C",
          "\uFEFF",
          "\uFFFE\uFFFF",
          "\uD800",
          "\uDFFF\uD800",
          "e\u0301 \uFB01 \uFF21 \u0130 \u01C5",
          "😀👍🏽🧑‍🤝‍🧑",
          "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>",
          "javascript:alert(1)",
          "{#for x in y}{x}{/for} {{7*7}} ${7*7} #{7*7}",
          "%s%n%x",
          "' OR '1'='1",
          "\"; DROP TABLE statement; --",
          "../../../../etc/passwd",
          "${jndi:ldap://127.0.0.1/x}",
          "9999999999999999999999999",
          "-0",
          "1e309",
          "a".repeat(10_000),
          "ä".repeat(5_000),
          "😀".repeat(3_000),
          "x".repeat(200_000),
          "\u0000".repeat(1_000));

  /** Raw JSON values put in place of a field. */
  static final List<String> ODD_VALUES;

  static {
    List<String> v = new ArrayList<>();
    for (String s : ODD_STRINGS) {
      v.add(jsonString(s));
    }
    v.addAll(
        List.of(
            "null",
            "true",
            "false",
            "0",
            "-1",
            "1.5",
            "2147483648",
            "-9223372036854775809",
            "1e309",
            "-1e-400",
            "[]",
            "[null]",
            "[1,2,3]",
            "[\"5.1.1\",\"5.1.1\"]",
            "[" + "\"x\",".repeat(20_000) + "\"x\"]",
            "{}",
            "{\"a\":1}",
            "[".repeat(3_000) + "]".repeat(3_000),
            "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
            "\"\\ud800\"",
            "\"\\udfff\\ud800x\"",
            "\"\\u0000\"",
            "\"\\u202e\"",
            "\"\\q\"",
            "NaN",
            "Infinity",
            "01",
            "0x10",
            "'single'",
            "\"unterminated",
            "tru",
            "\"" + "\\\\".repeat(5_000) + "\""));
    ODD_VALUES = List.copyOf(v);
  }

  /** Raw path segments (already in request-target form: percent-encoded or raw bytes). */
  static final List<String> ODD_SEGMENTS =
      List.of(
          "%20",
          "%00",
          "a%00b",
          "%FF",
          "%C0%AF",
          "%ED%A0%80",
          "%E2%80%AEx",
          "%F0%9F%98%80",
          "%C3%A4",
          "..",
          ".",
          "%2e%2e",
          "%2E",
          "%2F",
          "a%2Fb",
          "%5C",
          "%25",
          "%",
          "%G1",
          "%%",
          ";",
          "x;y=1",
          "%3B",
          "-1",
          "0",
          "00",
          "+1",
          "%2B1",
          "2147483648",
          "99999999999999999999",
          "1.5",
          "1e2",
          "NaN",
          "0x1",
          "null",
          "true",
          "[]",
          "%7B%7D",
          "{n}",
          "*",
          "'",
          "%22",
          "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
          "%27%20OR%20%271%27%3D%271",
          "$%7Bjndi:x%7D",
          "\u00e4",
          "\u00ff\u00fe",
          "a".repeat(3_000),
          "%41".repeat(1_500),
          "00000000-0000-4000-8000-00000000000G",
          "00000000-0000-0000-0000-000000000000",
          "00000000000040008000000000000001",
          "%C7%85",
          "%C4%B0",
          "%EF%AC%81",
          "%EF%BC%A1");

  static final List<String> ODD_TENANTS =
      List.of(
          "NIMBUS",
          "Nimbus",
          "nimbus%20",
          "%6Eimbus",
          "helio",
          "no-such-tenant",
          "platform",
          "nimbus%00",
          "nimbus;x=1",
          "%E2%80%AEnimbus",
          "n%C4%B1mbus",
          "",
          "..",
          "%2e%2e");

  static final List<String> METHODS =
      List.of(
          "GET",
          "POST",
          "PUT",
          "DELETE",
          "PATCH",
          "HEAD",
          "OPTIONS",
          "TRACE",
          "PROPFIND",
          "FOO",
          "get");

  static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "multipart/form-data",
          "application/json; charset=iso-8859-1",
          "application/json; charset=utf-16",
          "application/json; charset=nonsense",
          "application/json;;;",
          "APPLICATION/JSON",
          "application/json-patch+json",
          "application/problem+json",
          "application/octet-stream",
          "a/b/c",
          "*/*",
          "application/*",
          "",
          "text/html; charset=\u00ff",
          "application/" + "x".repeat(4_000));

  static final List<String> ACCEPTS =
      List.of(
          "application/xml",
          "text/html",
          "image/png",
          "*/*;q=abc",
          "",
          "application/json;q=0",
          "text/*, application/*;q=0.1",
          "\u00ff\u00fe",
          "application/" + "y".repeat(4_000));

  private final Random random;
  private final Target t;
  private final String base;
  private final List<FuzzCase> cases = new ArrayList<>();

  FuzzCases(long seed, Target target) {
    this.random = new Random(seed);
    this.t = target;
    this.base = path(target.params());
  }

  /** At least {@code min} cases: every kind once, then a seeded random mix. */
  List<FuzzCase> generate(int min) {
    pathCases();
    methodCases();
    queryCases();
    headerCases();
    bodyCases();
    List<FuzzCase> fixed = new ArrayList<>(cases);
    while (cases.size() < min) {
      FuzzCase a = fixed.get(random.nextInt(fixed.size()));
      // Combine a fixed case with one more odd query parameter or header, so mixes differ.
      if (random.nextBoolean()) {
        String q = t.query().isEmpty() ? "x" + random.nextInt(100) : pick(t.query());
        String value = pick(ODD_SEGMENTS);
        byte[] target =
            append(a.target(), (contains(a.target(), '?') ? "&" : "?") + q + "=" + value);
        cases.add(
            new FuzzCase(
                a.kind() + "+query",
                a.label() + " +" + q + "=" + value,
                a.method(),
                target,
                a.headers(),
                a.body()));
      } else {
        List<Header> headers = new ArrayList<>(a.headers());
        String name =
            pick(
                List.of(
                    "X-Request-Id",
                    "Accept-Language",
                    "If-None-Match",
                    "Cookie",
                    "Idempotency-Key",
                    "X-HTTP-Method-Override"));
        String value = pick(ODD_STRINGS.subList(0, 33)).replace("\r", "").replace("\n", "");
        headers.add(new Header(name, value));
        cases.add(
            new FuzzCase(
                a.kind() + "+header",
                a.label() + " +" + name,
                a.method(),
                a.target(),
                headers,
                a.body()));
      }
    }
    return cases;
  }

  // ------------------------------------------------------------------ building blocks

  private String path(Map<String, String> params) {
    Matcher m = PARAM.matcher(t.pathTemplate());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(params.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] bytes(String s) {
    // Request targets are sent as UTF-8 (raw non-ASCII included).
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] append(byte[] a, String b) {
    byte[] tail = bytes(b);
    byte[] out = java.util.Arrays.copyOf(a, a.length + tail.length);
    System.arraycopy(tail, 0, out, a.length, tail.length);
    return out;
  }

  private static boolean contains(byte[] a, char c) {
    for (byte b : a) {
      if (b == c) {
        return true;
      }
    }
    return false;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private List<Header> headers(String contentType) {
    List<Header> h = new ArrayList<>(t.auth());
    if (contentType != null) {
      h.add(new Header("Content-Type", contentType));
    }
    return h;
  }

  private String normalContentType() {
    return switch (t.bodyKind()) {
      case JSON -> "application/json";
      case FORM -> "application/x-www-form-urlencoded";
      case MULTIPART -> "multipart/form-data; boundary=" + BOUNDARY;
      case NONE -> null;
    };
  }

  private byte[] normalBody() {
    return switch (t.bodyKind()) {
      case JSON -> bytes(t.json());
      case FORM -> bytes(form(t.form()));
      case MULTIPART -> multipart(t.form(), t.fileFields(), "annex.md", bytes("# not an annex\n"));
      case NONE -> null;
    };
  }

  private void add(
      String kind, String label, String method, byte[] target, List<Header> headers, byte[] body) {
    cases.add(new FuzzCase(kind, label, method, target, headers, body));
  }

  /** The normal request with another target. */
  private void withTarget(String kind, String label, String target) {
    add(kind, label, t.method(), bytes(target), headers(normalContentType()), normalBody());
  }

  // ------------------------------------------------------------------ path

  private void pathCases() {
    for (String name : t.params().keySet()) {
      List<String> values = new ArrayList<>(name.equals("tenant") ? ODD_TENANTS : ODD_SEGMENTS);
      String own = t.params().get(name);
      if (t.ownIds() || name.equals("tenant")) {
        values.addAll(
            List.of(
                own.toUpperCase(java.util.Locale.ROOT),
                own + "%20",
                "%20" + own,
                own + "%00",
                own + "%2F",
                own + ";x=1",
                "%"
                    + HexFormat.of()
                        .withUpperCase()
                        .formatHex(own.substring(0, 1).getBytes(StandardCharsets.UTF_8))
                    + own.substring(1),
                own + own));
      }
      for (String v : values) {
        Map<String, String> p = new LinkedHashMap<>(t.params());
        p.put(name, v);
        withTarget("path-param", "{" + name + "}=" + v, path(p));
      }
    }
    for (String shape :
        List.of(
            base + "/",
            base + "//",
            base.replaceFirst("/t/", "//t/"),
            base + "/extra",
            base + ".json",
            base + "%20",
            base + "?",
            base + "#fragment",
            base.replace("/api/", "/API/"),
            base.replaceFirst("/t/", "/T/"),
            base + "/..",
            base + "/%2e%2e/",
            base.replaceFirst("/t/", "/./t/"),
            base.replace('/', '\\'),
            base.replaceFirst("/", "/%2F"),
            "http://localhost" + base,
            "*",
            base + "?" + "q=".repeat(1) + "a".repeat(20_000))) {
      withTarget("path-shape", shape.length() > 80 ? shape.substring(0, 80) + "…" : shape, shape);
    }
  }

  // ------------------------------------------------------------------ methods

  private void methodCases() {
    for (String m : METHODS) {
      if (!m.equals(t.method())) {
        add("method", m, m, bytes(base), headers(normalContentType()), normalBody());
      }
    }
    // A method override header must not be honoured.
    List<Header> h = headers(normalContentType());
    h.add(new Header("X-HTTP-Method-Override", t.method().equals("DELETE") ? "GET" : "DELETE"));
    add("method", "X-HTTP-Method-Override", t.method(), bytes(base), h, normalBody());
  }

  // ------------------------------------------------------------------ query

  private void queryCases() {
    List<String> names = new ArrayList<>(t.query());
    names.add("zzz");
    for (String q : names) {
      for (String v :
          List.of(
              "",
              "%FF",
              "%00",
              "%",
              "%G1",
              "-1",
              "0",
              "2147483648",
              "abc",
              "1.5",
              "%E2%80%AE",
              "%3Cscript%3E",
              "a".repeat(5_000))) {
        withTarget(
            "query",
            q + "=" + (v.length() > 20 ? v.substring(0, 20) + "…" : v),
            base + "?" + q + "=" + v);
      }
      withTarget("query", q + " repeated", base + "?" + q + "=1&" + q + "=2&" + q + "=abc");
      withTarget("query", q + " without value", base + "?" + q);
      withTarget("query", q + "[]", base + "?" + q + "[]=1&" + q + "[0]=2");
    }
    StringBuilder many = new StringBuilder(base).append('?');
    for (int i = 0; i < 2_000; i++) {
      many.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
    }
    withTarget("query", "2000 parameters", many.toString());
    withTarget("query", "empty names", base + "?&&=&=1&%00=1");
    withTarget("query", "malformed pairs", base + "?a==b&&c=%2&d=%%");
  }

  // ------------------------------------------------------------------ headers

  private void headerCases() {
    if (t.bodyKind() != BodyKind.NONE) {
      for (String ct : CONTENT_TYPES) {
        add(
            "content-type",
            ct.length() > 60 ? ct.substring(0, 60) + "…" : ct,
            t.method(),
            bytes(base),
            headers(ct),
            normalBody());
      }
      add("content-type", "missing", t.method(), bytes(base), headers(null), normalBody());
      List<Header> twice = headers(normalContentType());
      twice.add(new Header("Content-Type", "text/plain"));
      add("content-type", "twice", t.method(), bytes(base), twice, normalBody());
    } else {
      add(
          "content-type",
          "body on an operation without one",
          t.method(),
          bytes(base),
          headers("application/json"),
          bytes("{\"a\":1}"));
      add(
          "content-type",
          "garbage body",
          t.method(),
          bytes(base),
          headers("application/octet-stream"),
          new byte[] {0, (byte) 0xff, 1, 2});
    }
    for (String accept : ACCEPTS) {
      List<Header> h = headers(normalContentType());
      h.add(new Header("Accept", accept));
      add(
          "accept",
          accept.length() > 40 ? accept.substring(0, 40) + "…" : accept,
          t.method(),
          bytes(base),
          h,
          normalBody());
    }
    // Credentials: missing, malformed, twice, of the wrong scheme.
    List<List<Header>> credentials = new ArrayList<>();
    credentials.add(List.of());
    credentials.add(List.of(new Header("Authorization", "Bearer")));
    credentials.add(List.of(new Header("Authorization", "Bearer x.y.z")));
    credentials.add(List.of(new Header("Authorization", "Bearer " + "a".repeat(10_000))));
    credentials.add(List.of(new Header("Authorization", "Basic Zm9vOmJhcg==")));
    credentials.add(List.of(new Header("Authorization", "bearer \u00ff\u00fe")));
    credentials.add(List.of(new Header("Cookie", "q_session_nimbus=garbage; q_session=%FF")));
    List<Header> twice = new ArrayList<>(t.auth());
    twice.add(new Header("Authorization", "Bearer x.y.z"));
    twice.add(new Header("Cookie", "q_session_nimbus=garbage"));
    credentials.add(twice);
    for (List<Header> c : credentials) {
      List<Header> h = new ArrayList<>(c);
      // Keep the page headers other than credentials (Origin, Accept).
      for (Header a : t.auth()) {
        if (!a.name().equalsIgnoreCase("Authorization") && !a.name().equalsIgnoreCase("Cookie")) {
          h.add(a);
        }
      }
      if (normalContentType() != null) {
        h.add(new Header("Content-Type", normalContentType()));
      }
      add(
          "credentials",
          c.isEmpty() ? "none" : c.get(0).name() + ": " + abbreviate(c.get(c.size() - 1).value()),
          t.method(),
          bytes(base),
          h,
          normalBody());
    }
    // Other headers the application reads or that proxies interpret.
    List<Header> odd = new ArrayList<>();
    for (String name : t.headerParams()) {
      for (String v : List.of("", " ", "a".repeat(5_000), "\u00e4\u202e", "%00", "x\ty")) {
        odd.add(new Header(name, v));
      }
    }
    odd.addAll(
        List.of(
            new Header("If-None-Match", "*"),
            new Header("If-None-Match", "\"" + "0".repeat(3_000) + "\""),
            new Header("If-None-Match", "W/\"x\", \"y\", garbage"),
            new Header("If-Match", "\"nope\""),
            new Header("If-Modified-Since", "yesterday"),
            new Header("Range", "bytes=0-10,5-1,-0"),
            new Header("X-Request-Id", "a".repeat(6_000)),
            new Header("X-Request-Id", "\u00e4\u202e<script>"),
            new Header("X-Forwarded-For", "127.0.0.1, ::1, garbage"),
            new Header("X-Forwarded-Host", "evil.example"),
            new Header("X-Forwarded-Proto", "gopher"),
            new Header("Forwarded", "for=\"[::1]\";proto=https;host=evil.example"),
            new Header("Accept-Encoding", "gzip;q=abc, br, zstd, *"),
            new Header("Accept-Charset", "utf-16;q=1, iso-8859-1;q=0"),
            new Header("Accept-Language", "\u00ff-\u00fe;q=1e9"),
            new Header("Content-Encoding", "gzip"),
            new Header("Expect", "100-continue"),
            new Header("Expect", "something-else"),
            new Header("Origin", "https://evil.example"),
            new Header("Origin", "null"),
            new Header("Sec-Fetch-Site", "cross-site"),
            new Header("Host", "evil.example"),
            new Header("Transfer-Encoding", "identity"),
            new Header("X-Large", "z".repeat(40_000))));
    for (Header extra : odd) {
      List<Header> h = headers(normalContentType());
      h.add(extra);
      add(
          "header",
          extra.name() + ": " + abbreviate(extra.value()),
          t.method(),
          bytes(base),
          h,
          normalBody());
    }
    List<Header> many = headers(normalContentType());
    for (int i = 0; i < 300; i++) {
      many.add(new Header("X-Many-" + i, "v"));
    }
    add("header", "300 headers", t.method(), bytes(base), many, normalBody());
    // Chunked body, and the classic smuggling pair of Content-Length and Transfer-Encoding.
    byte[] body = normalBody() == null ? bytes("{}") : normalBody();
    byte[] chunked = chunked(body);
    List<Header> te =
        headers(normalContentType() == null ? "application/json" : normalContentType());
    te.add(new Header("Transfer-Encoding", "chunked"));
    add("header", "chunked body", t.method(), bytes(base), te, chunked);
    List<Header> both =
        headers(normalContentType() == null ? "application/json" : normalContentType());
    both.add(new Header("Content-Length", String.valueOf(chunked.length)));
    both.add(new Header("Transfer-Encoding", "chunked"));
    add("header", "Content-Length and Transfer-Encoding", t.method(), bytes(base), both, chunked);
    List<Header> shorter =
        headers(normalContentType() == null ? "application/json" : normalContentType());
    shorter.add(new Header("Content-Length", String.valueOf(Math.max(0, body.length / 2))));
    add("header", "Content-Length shorter than the body", t.method(), bytes(base), shorter, body);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int half = body.length / 2;
    for (byte[] part :
        List.of(
            java.util.Arrays.copyOfRange(body, 0, half),
            java.util.Arrays.copyOfRange(body, half, body.length))) {
      if (part.length > 0) {
        out.writeBytes(bytes(Integer.toHexString(part.length) + "\r\n"));
        out.writeBytes(part);
        out.writeBytes(bytes("\r\n"));
      }
    }
    out.writeBytes(bytes("0\r\n\r\n"));
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ bodies

  private void bodyCases() {
    switch (t.bodyKind()) {
      case JSON -> jsonBodies();
      case FORM -> formBodies();
      case MULTIPART -> multipartBodies();
      case NONE -> {
        for (String raw : List.of("{\"a\":", "x".repeat(MAX_BODY + 10))) {
          add(
              "body",
              "unexpected body " + abbreviate(raw),
              t.method(),
              bytes(base),
              headers("application/json"),
              bytes(raw));
        }
      }
    }
  }

  private void body(String label, String contentType, byte[] body) {
    add("body", label, t.method(), bytes(base), headers(contentType), body);
  }

  /** The template's top-level fields as raw JSON, in order. */
  private Map<String, String> fields() {
    try {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.json());
      Map<String, String> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().toString()));
      return fields;
    } catch (Exception e) {
      throw new IllegalArgumentException("fixture body is not a JSON object: " + t.json(), e);
    }
  }

  private static String object(Map<String, String> fields) {
    StringBuilder s = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      s.append(first ? "" : ",").append(jsonString(e.getKey())).append(':').append(e.getValue());
      first = false;
    }
    return s.append('}').toString();
  }

  private void jsonBodies() {
    String ct = "application/json";
    Map<String, String> fields = fields();
    List<String> names = new ArrayList<>(fields.keySet());
    for (int f = 0; f < names.size(); f++) {
      String name = names.get(f);
      Map<String, String> without = new LinkedHashMap<>(fields);
      without.remove(name);
      body("missing " + name, ct, bytes(object(without)));
      // Every field gets the core kinds; the other odd values are spread over the fields, so each
      // value is tried once per operation however many fields it has.
      for (int v = 0; v < ODD_VALUES.size(); v++) {
        String value = ODD_VALUES.get(v);
        if (CORE_VALUES.contains(value) || v % names.size() == f) {
          Map<String, String> changed = new LinkedHashMap<>(fields);
          changed.put(name, value);
          body(name + "=" + abbreviate(value), ct, bytes(object(changed)));
        }
      }
      invalidUtf8(fields, name, INVALID_UTF8.get(f % INVALID_UTF8.size()));
      String dup = object(fields);
      body(
          "duplicate " + name,
          ct,
          bytes(dup.substring(0, dup.length() - 1) + "," + jsonString(name) + ":[{}]}"));
    }
    if (!names.isEmpty()) {
      for (byte[] bad : INVALID_UTF8) {
        invalidUtf8(fields, names.get(0), bad);
      }
    }
    Map<String, String> nulls = new LinkedHashMap<>();
    fields.keySet().forEach(k -> nulls.put(k, "null"));
    body("every field null", ct, bytes(object(nulls)));
    for (String extra :
        List.of(
            "\"zzz\":1",
            "\"__proto__\":{\"admin\":true}",
            "\"@type\":\"java.lang.ProcessBuilder\"",
            "\"@class\":\"java.net.URL\"",
            "\"tenantId\":\"helio\"",
            "\"id\":\"00000000-0000-4000-8000-000000000009\"",
            "\"\":\"\"")) {
      String json = t.json().strip();
      body(
          "extra " + extra,
          ct,
          bytes(
              json.substring(0, json.length() - 1) + (fields.isEmpty() ? "" : ",") + extra + "}"));
    }
    StringBuilder hundred = new StringBuilder(t.json().strip());
    hundred.setLength(hundred.length() - 1);
    for (int i = 0; i < 1_000; i++) {
      hundred
          .append(fields.isEmpty() && i == 0 ? "" : ",")
          .append("\"extra")
          .append(i)
          .append("\":")
          .append(i);
    }
    body("1000 extra fields", ct, bytes(hundred.append('}').toString()));
    String json = t.json().strip();
    for (String raw :
        List.of(
            "",
            " ",
            "null",
            "true",
            "1",
            "\"string\"",
            "[]",
            "[" + json + "]",
            "{}",
            "{",
            "}",
            "[",
            "{\"a\"",
            "{\"a\":}",
            "{,}",
            json + "x",
            json + json,
            json.substring(0, json.length() / 2),
            "\uFEFF" + json,
            "/* comment */" + json,
            json.replace('"', '\''),
            json.replaceAll("\"(\\w+)\":", "$1:"),
            json.substring(0, json.length() - 1) + ",}",
            "[".repeat(100_000),
            "{\"a\":".repeat(50_000),
            "<?xml version=\"1.0\"?><a>b</a>",
            "a=1&b=2")) {
      body("raw " + abbreviate(raw), ct, bytes(raw));
    }
    body(
        "UTF-16 with charset",
        "application/json; charset=utf-16",
        json.getBytes(StandardCharsets.UTF_16));
    body("UTF-16 without charset", ct, json.getBytes(StandardCharsets.UTF_16LE));
    body(
        "ISO-8859-1 bytes",
        ct,
        ("{\"x\":\"caf\u00e9\"," + json.substring(1)).getBytes(StandardCharsets.ISO_8859_1));
    body("only 0xFF", ct, new byte[] {(byte) 0xff});
    body("NUL bytes", ct, new byte[] {0, 0, 0, 0});
    // Oversized: just over the limit, declared honestly, and a string field near the limit.
    if (!fields.isEmpty()) {
      String first = fields.keySet().iterator().next();
      for (int size : new int[] {MAX_BODY + 100, MAX_BODY - 2_000}) {
        Map<String, String> big = new LinkedHashMap<>(fields);
        big.put(first, jsonString("x".repeat(size)));
        body(first + " of " + size + " characters", ct, bytes(object(big)));
      }
    }
    body("oversized garbage", ct, new byte[MAX_BODY + 1]);
  }

  /** The template with {@code bad} bytes in place of the field's string. */
  private void invalidUtf8(Map<String, String> fields, String name, byte[] bad) {
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(name, "\"@@\"");
    String json = object(changed);
    int at = json.indexOf("\"@@\"") + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(json.substring(0, at)));
    out.writeBytes(bad);
    out.writeBytes(bytes(json.substring(at + 2)));
    body(
        name + " with invalid UTF-8 " + HexFormat.of().formatHex(bad),
        "application/json",
        out.toByteArray());
  }

  /** The kinds every field is tried with. */
  static final java.util.Set<String> CORE_VALUES =
      java.util.Set.of(
          "null",
          "1.5",
          "[]",
          "{}",
          "true",
          "\"\"",
          jsonString("\u0000"),
          jsonString("a".repeat(10_000)));

  static final List<byte[]> INVALID_UTF8 =
      List.of(
          new byte[] {(byte) 0xc3, 0x28},
          new byte[] {(byte) 0xff},
          new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          new byte[] {(byte) 0xc0, (byte) 0xaf},
          new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          new byte[] {(byte) 0xe2, (byte) 0x82});

  private static String form(Map<String, String> fields) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (s.length() > 0) {
        s.append('&');
      }
      s.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(
              e.getValue() == null ? "" : URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return s.toString();
  }

  private void formBodies() {
    String ct = "application/x-www-form-urlencoded";
    Map<String, String> fields = t.form();
    List<String> names = new ArrayList<>(fields.keySet());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Map<String, String> without = new LinkedHashMap<>(fields);
      without.remove(name);
      body("missing " + name, ct, bytes(form(without)));
      for (int v = 0; v < ODD_STRINGS.size(); v++) {
        String value = ODD_STRINGS.get(v);
        boolean core = v < 3 || value.equals("\u0000") || value.length() >= 10_000;
        if (core || v % names.size() == i) {
          Map<String, String> changed = new LinkedHashMap<>(fields);
          changed.put(name, value);
          body(name + "=" + abbreviate(value), ct, bytes(form(changed)));
        }
      }
      for (String raw :
          List.of(
              "%FF",
              "%C0%AF",
              "%ED%A0%80",
              "%",
              "%G1",
              "%00",
              "%E2%80%AE",
              "+%2B+",
              "a".repeat(600_000))) {
        Map<String, String> rest = new LinkedHashMap<>(fields);
        rest.remove(name);
        String f = form(rest);
        body(
            name + " raw " + abbreviate(raw),
            ct,
            bytes((f.isEmpty() ? "" : f + "&") + name + "=" + raw));
      }
      String f = form(fields);
      body(name + " repeated", ct, bytes(f + "&" + name + "=x&" + name + "=" + "y".repeat(300)));
      body(name + " repeated 5000 times", ct, bytes(f + ("&" + name + "=5.1.1").repeat(5_000)));
      body(name + " without =", ct, bytes(f + "&" + name));
      byte[] bad = bytes(f + "&" + name + "=");
      byte[] withByte = java.util.Arrays.copyOf(bad, bad.length + 2);
      withByte[bad.length] = (byte) 0xff;
      withByte[bad.length + 1] = (byte) 0xc3;
      body(name + " raw invalid UTF-8 bytes", ct, withByte);
    }
    String f = form(fields);
    for (String raw :
        List.of(
            "",
            "&&&",
            "=",
            "==x",
            "%",
            f + "&zzz=1",
            f + "&_method=DELETE",
            "{\"a\":1}",
            f + "&" + "k=v&".repeat(20_000),
            "x".repeat(MAX_BODY + 100))) {
      body("raw " + abbreviate(raw), ct, bytes(raw));
    }
    body(
        "charset latin-1",
        ct + "; charset=iso-8859-1",
        (f + "&x=caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
    body(
        "multipart instead of a form",
        "multipart/form-data; boundary=" + BOUNDARY,
        multipart(fields, List.of(), null, null));
    body("JSON instead of a form", "application/json", bytes("{\"a\":1}"));
  }

  static final String BOUNDARY = "----fuzz7MA4YWxkTrZu0gW";

  private static byte[] multipart(
      Map<String, String> fields, List<String> files, String fileName, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      out.writeBytes(
          bytes(
              "--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\""
                  + e.getKey()
                  + "\"\r\n\r\n"));
      out.writeBytes(bytes(e.getValue() == null ? "" : e.getValue()));
      out.writeBytes(bytes("\r\n"));
    }
    for (String file : files) {
      out.writeBytes(
          bytes(
              "--"
                  + BOUNDARY
                  + "\r\nContent-Disposition: form-data; name=\""
                  + file
                  + "\"; filename=\""
                  + fileName
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
      out.writeBytes(content);
      out.writeBytes(bytes("\r\n"));
    }
    out.writeBytes(bytes("--" + BOUNDARY + "--\r\n"));
    return out.toByteArray();
  }

  private void multipartBodies() {
    String ct = "multipart/form-data; boundary=" + BOUNDARY;
    Map<String, String> fields = t.form();
    byte[] small = bytes("# not an annex\n");
    for (String name : fields.keySet()) {
      for (String value : ODD_STRINGS) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        body(
            name + "=" + abbreviate(value),
            ct,
            multipart(changed, t.fileFields(), "annex.md", small));
      }
    }
    for (String fileName :
        List.of(
            "",
            "../../../etc/passwd",
            "a\u0000b.pdf",
            "\u202Efdp.exe",
            "x".repeat(5_000),
            "a\"b.pdf",
            "C:\\x\\y.pdf")) {
      body(
          "file name " + abbreviate(fileName),
          ct,
          multipart(fields, t.fileFields(), fileName, small));
    }
    body("empty file", ct, multipart(fields, t.fileFields(), "a.pdf", new byte[0]));
    body(
        "binary file",
        ct,
        multipart(fields, t.fileFields(), "a.pdf", new byte[] {0, (byte) 0xff, (byte) 0xfe, 1}));
    body(
        "file over the limit",
        ct,
        multipart(fields, t.fileFields(), "a.pdf", new byte[MAX_BODY + 10]));
    body("no parts", ct, bytes("--" + BOUNDARY + "--\r\n"));
    body(
        "no final boundary",
        ct,
        bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"sha256\"\r\n\r\nabc"));
    body(
        "part without name",
        ct,
        bytes(
            "--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--"
                + BOUNDARY
                + "--\r\n"));
    body(
        "part without headers",
        ct,
        bytes("--" + BOUNDARY + "\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n"));
    body("garbage", ct, bytes("garbage"));
    body("empty", ct, new byte[0]);
    body(
        "boundary missing",
        "multipart/form-data",
        multipart(fields, t.fileFields(), "a.md", small));
    body(
        "other boundary",
        "multipart/form-data; boundary=other",
        multipart(fields, t.fileFields(), "a.md", small));
    body(
        "boundary too long",
        "multipart/form-data; boundary=" + "b".repeat(5_000),
        multipart(fields, t.fileFields(), "a.md", small));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      many.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Disposition: form-data; name=\"p")
          .append(i)
          .append("\"\r\n\r\nv\r\n");
    }
    body("3000 parts", ct, bytes(many.append("--").append(BOUNDARY).append("--\r\n").toString()));
    body("form instead of multipart", "application/x-www-form-urlencoded", bytes(form(fields)));
  }

  static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validPair(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
