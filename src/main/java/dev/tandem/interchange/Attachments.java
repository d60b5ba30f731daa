package dev.tandem.interchange;

import jakarta.ws.rs.core.Response;

/** The response of a download: the file as an attachment with its SHA-256. */
final class Attachments {
  private Attachments() {}

  static Response of(Download d) {
    return Response.ok(d.bytes())
        .header("Content-Type", d.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"")
        .header("X-Content-SHA256", d.sha256())
        .header("Cache-Control", "private, no-store")
        .build();
  }

  /** The file name of a {@code Content-Disposition} request header, if any. */
  static String fileName(String contentDisposition) {
    if (contentDisposition == null) {
      return null;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("filename=\"?([^\";]{1,255})\"?")
            .matcher(contentDisposition);
    return m.find() ? m.group(1) : null;
  }

  /** The token of an If-Match header: quotes and a weak marker removed. */
  static String token(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    String t = ifMatch.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    return t.replace("\"", "");
  }
}
