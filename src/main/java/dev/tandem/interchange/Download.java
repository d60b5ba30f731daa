package dev.tandem.interchange;

/** A file to download: name, media type, bytes and their SHA-256. */
public record Download(String fileName, String mediaType, byte[] bytes, String sha256) {}
