package dev.tandem.annex;

/** Renders an annex in one format: a pure function (same input, byte-identical output). */
public interface AnnexRenderer {
  AnnexFormat format();

  byte[] render(AnnexInput input);
}
