package dev.tandem.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.catalog.CatalogControl;
import dev.tandem.catalog.CatalogGroup;
import dev.tandem.changes.ChangeFeed;
import dev.tandem.changes.StampedCache;
import dev.tandem.changes.StampedCache.Scope;
import dev.tandem.core.Sha256;
import dev.tandem.core.TandemConfig;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.MatrixViews;
import dev.tandem.publishing.PublishedCache;
import dev.tandem.publishing.PublishingViews.Filters;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.ReleasedReads;
import dev.tandem.publishing.VersionReader;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.review.VersionReadViews.ControlSummary;
import dev.tandem.review.VersionReadViews.Links;
import dev.tandem.review.VersionReadViews.Overlay;
import dev.tandem.review.VersionReadViews.VersionControl;
import dev.tandem.review.VersionReadViews.VersionRead;
import dev.tandem.review.WorkspaceRules.Evaluation;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The customer's read of a version ({@link VersionRead}) = the released version's part, the same
 * bytes for every organization (cached per version and representation in {@link PublishedCache}),
 * plus the organization's overlay ({@link Overlay}: per-control summaries, counts, links), cached
 * per organization and version and invalidated through the {@link ChangeFeed} (scopes {@code
 * org:<id>} and {@code publishing}). Neither part grows with the organization's history. Access is
 * decided on every request by {@code VersionAccess} (through {@link ReleasedReads} or the
 * database); an unfiltered read whose parts are both cached needs no database round trip, and
 * neither does its 304.
 */
@ApplicationScoped
public class VersionReadService {
  /** Changes whenever the JSON shape of the read changes, so old ETags stop matching. */
  static final String REPRESENTATION = "customer-read/1";

  /** A serialized part and its hash. */
  record Part(byte[] json, String sha256) {
    static Part of(byte[] json) {
      return new Part(json, Sha256.hex(json));
    }
  }

  /** A read ready to send: the body and its strong validator. */
  public record Rendered(byte[] body, String etag) {}

  private record OverlayKey(String tenant, String organization, String service, int number) {}

  private final ReviewCaller caller;
  private final VersionReader reader;
  private final ReleasedReads released;
  private final MatrixViews matrix;
  private final ReviewViewMapper views;
  private final PublishedCache published;
  private final TenantContext tenant;
  private final ObjectMapper json;
  private final StampedCache<OverlayKey, Part> overlays;

  VersionReadService(
      ReviewCaller caller,
      VersionReader reader,
      ReleasedReads released,
      MatrixViews matrix,
      ReviewViewMapper views,
      PublishedCache published,
      TenantContext tenant,
      ObjectMapper json,
      TandemConfig config) {
    this.caller = caller;
    this.reader = reader;
    this.released = released;
    this.matrix = matrix;
    this.views = views;
    this.published = published;
    this.tenant = tenant;
    this.json = json;
    this.overlays =
        new StampedCache<>(released.feed(), config.cache().maxBytes() / 2, p -> p.json().length);
  }

  /** The unfiltered read, from the caches where they can answer. */
  public Rendered read(String serviceId, int number) {
    String org = caller.organization();
    LoadedVersion loaded = load(serviceId, number);
    byte[] version = versionPart(loaded);
    Part overlay = overlay(org, loaded);
    return new Rendered(
        compose(version, overlay.json()), etag(loaded.etag(REPRESENTATION), overlay.sha256()));
  }

  /** The read with its controls narrowed by filters (counts and overview stay whole). */
  public VersionRead read(
      String serviceId, int number, String clause, String responsibility, String status, String q) {
    String org = caller.organization();
    LoadedVersion loaded = load(serviceId, number);
    WorkspaceRules.Filters f =
        WorkspaceRules.filters(
            clause,
            responsibility,
            status,
            q,
            loaded.catalog().topGroups().stream()
                .map(CatalogGroup::id)
                .collect(Collectors.toSet()));
    Overlay review =
        QuarkusTransaction.joiningExisting().call(() -> organizationReview(org, loaded));
    Map<String, ControlSummary> byControl = new HashMap<>();
    review.reviews().forEach(r -> byControl.put(r.controlId(), r));
    Set<String> matching =
        f.q() == null
            ? null
            : matrix.matrix(loaded, new Filters(null, null, null, f.q())).controls().stream()
                .map(row -> row.control().id())
                .collect(Collectors.toSet());
    List<VersionControl> controls =
        controls(loaded).stream()
            .filter(c -> f.clause() == null || f.clause().equals(c.clause()))
            .filter(
                c -> f.responsibility() == null || f.responsibility().equals(c.responsibility()))
            .filter(
                c -> {
                  if (f.status() == null) {
                    return true;
                  }
                  ControlSummary s = byControl.get(c.controlId());
                  String st = s == null ? null : s.status();
                  return WorkspaceRules.UNREVIEWED.equals(f.status())
                      ? c.applicable() && st == null
                      : f.status().equals(st);
                })
            .filter(c -> matching == null || matching.contains(c.controlId()))
            .toList();
    Set<String> listed =
        controls.stream().map(VersionControl::controlId).collect(Collectors.toSet());
    return new VersionRead(
        loaded.serviceId(),
        loaded.serviceName(),
        loaded.version(),
        matrix.overview(loaded),
        controls,
        review.organizationId(),
        review.applicable(),
        review.reviewed(),
        review.acceptedOrCovered(),
        review.acceptedVersion(),
        review.acceptance(),
        review.missing(),
        review.reviews().stream().filter(r -> listed.contains(r.controlId())).toList(),
        review.links());
  }

  /**
   * The current validator of the unfiltered read if both parts are cached and the caller may read
   * the version (from memory); empty when only a full read can tell.
   */
  public Optional<String> currentEtag(String serviceId, int number) {
    String org = caller.organization();
    Optional<LoadedVersion> loaded = released.released(serviceId, number);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    Optional<Part> overlay = overlays.peek(key(org, loaded.get()));
    return overlay.map(o -> etag(loaded.get().etag(REPRESENTATION), o.sha256()));
  }

  // ------------------------------------------------------------------ the two parts

  private LoadedVersion load(String serviceId, int number) {
    return released.released(serviceId, number).orElseGet(() -> reader.load(serviceId, number));
  }

  /** {@code versionTag} validates the version's part, {@code overlay} is the overlay's hash. */
  private static String etag(String versionTag, String overlay) {
    return Sha256.hex(REPRESENTATION + "|" + versionTag + "|" + overlay).substring(0, 40);
  }

  /** {"serviceId":…,"controls":[…]} + {"organizationId":…} → {"serviceId":…,"organizationId":…} */
  static byte[] compose(byte[] version, byte[] overlay) {
    byte[] out = new byte[version.length + overlay.length - 1];
    System.arraycopy(version, 0, out, 0, version.length - 1);
    out[version.length - 1] = ',';
    System.arraycopy(overlay, 1, out, version.length, overlay.length - 1);
    return out;
  }

  /** The released version's part: immutable, so cached by its validator (tenant first). */
  private byte[] versionPart(LoadedVersion loaded) {
    String tag = loaded.etag(REPRESENTATION);
    if (tag == null) {
      throw new NotFoundException(); // customers read released versions only
    }
    return published.rendered(
        tenant.requireTenantId(),
        tag,
        () ->
            write(
                new VersionPart(
                    loaded.serviceId(),
                    loaded.serviceName(),
                    loaded.version(),
                    matrix.overview(loaded),
                    controls(loaded))));
  }

  /** The field order of {@link VersionRead} up to its controls. */
  record VersionPart(
      String serviceId,
      String serviceName,
      dev.tandem.publishing.PublishingViews.VersionSummary version,
      dev.tandem.publishing.PublishingViews.Overview overview,
      List<VersionControl> controls) {}

  private static List<VersionControl> controls(LoadedVersion loaded) {
    List<VersionControl> controls = new ArrayList<>();
    for (CatalogControl c : loaded.catalog().controls()) {
      StatementView s = loaded.statements().get(c.id());
      if (s != null) {
        controls.add(
            new VersionControl(
                c.id(),
                c.title(),
                s.applicable(),
                s.applicable() ? s.responsibility() : null,
                c.topGroupId()));
      }
    }
    return controls;
  }

  private OverlayKey key(String org, LoadedVersion loaded) {
    return new OverlayKey(
        tenant.requireTenantId(), org, loaded.serviceId(), loaded.version().number());
  }

  private Part overlay(String org, LoadedVersion loaded) {
    String t = tenant.requireTenantId();
    return overlays.get(
        key(org, loaded),
        new Scope(t, "org:" + org, "publishing"),
        () ->
            QuarkusTransaction.joiningExisting()
                .call(() -> Part.of(write(organizationReview(org, loaded)))));
  }

  /** The organization's review of the version, from its statuses, threads' counts, deviations. */
  Overlay organizationReview(String org, LoadedVersion loaded) {
    String serviceId = loaded.serviceId();
    int number = loaded.version().number();
    Map<Integer, LoadedVersion> versions = new HashMap<>();
    versions.put(number, loaded);
    Map<Integer, Map<String, Object>> contents = new HashMap<>();
    List<Deviation> deviations = Deviation.ofService(org, serviceId);
    Map<String, ThreadActivity.Counts> threads = ThreadActivity.of(org, serviceId);
    Map<String, Integer> openByControl = new HashMap<>();
    threads.forEach((c, n) -> openByControl.put(c, n.open()));
    Optional<Acceptance> current = Acceptance.inForce(org, serviceId);
    Integer acceptedVersion = current.map(a -> a.versionNumber).orElse(null);
    Evaluation e =
        OrganizationEvaluation.of(
            org,
            loaded,
            deviations,
            openByControl,
            acceptedVersion,
            v -> {
              if (!contents.containsKey(v)) {
                LoadedVersion l = loadQuietly(serviceId, v, versions);
                Map<String, Object> m = null;
                if (l != null) {
                  m = new HashMap<>();
                  for (var s : l.statements().entrySet()) {
                    m.put(s.getKey(), s.getValue().content());
                  }
                }
                contents.put(v, m);
              }
              return contents.get(v);
            });
    List<ControlSummary> summaries = new ArrayList<>();
    for (ReviewViews.ControlRow row : e.rows()) {
      ThreadActivity.Counts n = threads.get(row.controlId());
      summaries.add(
          new ControlSummary(
              row.controlId(),
              row.status(),
              row.carriedFrom(),
              row.changedSinceAcceptance(),
              row.deviation(),
              n == null ? 0 : n.open(),
              n == null ? 0 : n.all(),
              n == null ? null : n.lastActivity()));
    }
    String base = "/t/" + tenant.requireTenantId() + "/api/review/services/" + serviceId;
    return new Overlay(
        org,
        e.applicable(),
        e.reviewed(),
        e.acceptedOrCovered(),
        acceptedVersion,
        current
            .map(
                a -> {
                  LoadedVersion l = loadQuietly(serviceId, a.versionNumber, versions);
                  boolean withdrawn = l != null && l.status() == VersionStatus.WITHDRAWN;
                  return views.acceptanceView(a, true, withdrawn);
                })
            .orElse(null),
        e.missing(),
        summaries,
        new Links(
            base + "/threads", base + "/deviations", base + "/acceptances", base + "/changes"));
  }

  private LoadedVersion loadQuietly(
      String serviceId, int version, Map<Integer, LoadedVersion> cache) {
    if (cache.containsKey(version)) {
      return cache.get(version);
    }
    LoadedVersion l;
    try {
      l = reader.load(serviceId, version);
    } catch (NotFoundException e) {
      l = null;
    }
    cache.put(version, l);
    return l;
  }

  private byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
