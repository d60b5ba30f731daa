package dev.tandem.annex;

import java.util.Arrays;
import java.util.Optional;

/** The formats of an annex, their file extension and media type. */
public enum AnnexFormat {
  PDF("pdf", "application/pdf"),
  DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  MD("md", "text/markdown; charset=UTF-8"),
  HTML("html", "text/html; charset=UTF-8");

  private final String extension;
  private final String mediaType;

  AnnexFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  public String extension() {
    return extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<AnnexFormat> byExtension(String extension) {
    return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
  }
}
