package dev.tandem.tenancy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of the tenant files, so that one run names all of them instead of the
 * first. Once a key is reported as malformed (say {@code contact} is not a mapping), what lies
 * below it is not reported again.
 */
final class Problems {
  private final List<TenantProblem> list = new ArrayList<>();

  void add(Path file, String key, String reason) {
    for (TenantProblem p : list) {
      boolean under =
          !p.key().equals(TenantProblem.WHOLE_FILE)
              && (key.startsWith(p.key() + ".") || key.startsWith(p.key() + "["));
      if (p.file().equals(file) && (key.equals(p.key()) || under)) {
        return;
      }
    }
    list.add(new TenantProblem(file, key, reason));
  }

  void addAll(List<TenantProblem> problems) {
    problems.forEach(p -> add(p.file(), p.key(), p.reason()));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  boolean has(Path file) {
    return list.stream().anyMatch(p -> p.file().equals(file));
  }

  List<TenantProblem> list() {
    return List.copyOf(list);
  }

  /** Throws {@link InvalidTenantDefinition} with everything collected, if anything was. */
  void throwIfAny() {
    if (!list.isEmpty()) {
      throw new InvalidTenantDefinition(list);
    }
  }
}
