package dev.tandem.catalog;

/**
 * A group of controls at one level of a framework (e.g. clause "9", category "9.4"). {@code
 * parentId} is the enclosing group's id, or null at the outermost level.
 */
public record CatalogGroup(String id, String title, int level, String parentId) {}
