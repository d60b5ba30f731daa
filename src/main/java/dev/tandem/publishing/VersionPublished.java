package dev.tandem.publishing;

/** CDI event fired (inside the publishing transaction) when a version is approved and published. */
public record VersionPublished(String serviceId, String serviceName, int number) {}
