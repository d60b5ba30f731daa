package dev.tandem.review;

import dev.tandem.changes.StampedCache;
import dev.tandem.changes.StampedCache.Scope;
import dev.tandem.core.TandemConfig;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.MatrixViews;
import dev.tandem.publishing.OverviewChart;
import dev.tandem.publishing.PublishingViews.DiffView;
import dev.tandem.publishing.PublishingViews.FieldChange;
import dev.tandem.publishing.PublishingViews.Overview;
import dev.tandem.publishing.PublishingViews.StatementView;
import dev.tandem.publishing.ReleasedReads;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.ControlRow;
import dev.tandem.review.ReviewViews.Workspace;
import dev.tandem.security.OneTimeForms;
import dev.tandem.tenancy.TenantContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The parts of the customer's review workspace page, each cached for as long as it stays true, so a
 * page view renders nothing but its fresh form tokens:
 *
 * <ul>
 *   <li><b>The released version's parts</b> — each control's statement and the overview, rendered
 *       by their templates once per version (immutable; shared by every organization).
 *   <li><b>The diff between two released versions</b> — once per version pair (both immutable).
 *   <li><b>The organization's overlay</b> — its {@link Workspace} (statuses, carry-over, threads,
 *       deviations, acceptance, what blocks acceptance) and its rendered rows, summary and tables,
 *       per (tenant, organization, service, version), invalidated through the change feed by any
 *       change of the organization ({@code org:<id>}) or of the tenant's versions ({@code
 *       publishing}). Never shared between organizations.
 *   <li><b>The page around the rows</b> — layout, summary, filters, tables and acceptance section,
 *       per organization's overlay and per what the request varies in (the reader's frame and role,
 *       the filters, the message), with placeholders where each view writes fresh form tokens.
 * </ul>
 *
 * Access is decided on every request before any of it is used: {@code VersionAccess}'s rule through
 * {@link ReleasedReads} (cached facts) or, when the caches cannot confirm it, {@link VersionReader}
 * (the database, which also gives the 404 of a missing or refused version).
 */
@ApplicationScoped
public class WorkspaceView {
  @CheckedTemplate(basePath = "review")
  static class Parts {
    static native TemplateInstance workspaceStatement(StatementView s);

    static native TemplateInstance workspaceOverview(
        OverviewChart chart, Overview overview, int number, String base);

    static native TemplateInstance workspaceRow(
        WorkspaceRows.Row r,
        String tenant,
        String serviceId,
        int number,
        Integer acceptedVersion,
        String base,
        RawString token);

    static native TemplateInstance workspaceSummary(Workspace ws, String base);

    static native TemplateInstance workspaceTables(Workspace ws, String tenant);

    static native TemplateInstance workspaceAcceptance(
        Workspace ws, String base, boolean signatory, String idempotencyKey);

    static native TemplateInstance workspaceSaved(
        RawString summary, RawString acceptance, RawString row);
  }

  private record VersionKey(String tenant, String service, int number, String contentHash) {}

  private record PairKey(String tenant, String service, int from, String fromHash, int to) {}

  record OrgKey(String tenant, String organization, String service, int number) {}

  /** The page around the rows of one overlay for one variant (see {@link #render}). */
  private record FrameKey(OrgKey org, Object variant) {}

  /** The page around the rows, and the rendered rows it was made with. */
  private record Frame(CutHtml cut, OrgHtml source) {}

  /** A released version's rendered parts: each control's statement, the overview. */
  record VersionParts(Map<String, RawString> statements, RawString overview, long chars) {}

  /** An organization's review of a version and the diff from the version it accepted. */
  record Overlay(Workspace ws, Map<String, List<FieldChange>> changed) {}

  /**
   * An organization's rendered rows (cut at their form tokens), summary and tables, and the overlay
   * they were rendered from.
   */
  record OrgHtml(
      Map<String, CutHtml> rows, RawString summary, RawString tables, long chars, Overlay source) {}

  /** What one page view needs: the version, the organization's overlay and the cached HTML. */
  public record Page(
      OrgKey key,
      LoadedVersion loaded,
      Workspace ws,
      VersionParts version,
      OrgHtml html,
      String base) {}

  private final ReviewCaller caller;
  private final ReleasedReads released;
  private final VersionReader reader;
  private final WorkspaceService workspaces;
  private final MatrixViews matrix;
  private final TenantContext tenant;
  private final BoundedCache<VersionKey, VersionParts> versions;
  private final BoundedCache<PairKey, DiffView> diffs;
  private final StampedCache<OrgKey, Overlay> overlays;
  private final StampedCache<OrgKey, OrgHtml> html;
  private final StampedCache<FrameKey, Frame> frames;

  WorkspaceView(
      ReviewCaller caller,
      ReleasedReads released,
      VersionReader reader,
      WorkspaceService workspaces,
      MatrixViews matrix,
      TenantContext tenant,
      TandemConfig config) {
    this.caller = caller;
    this.released = released;
    this.reader = reader;
    this.workspaces = workspaces;
    this.matrix = matrix;
    this.tenant = tenant;
    long bytes = config.cache().enabled() ? config.cache().maxBytes() : 0;
    // Characters weigh two bytes; the overlays' weight is an estimate of their objects.
    this.versions = new BoundedCache<>(bytes / 16, v -> 2 * v.chars());
    this.diffs = new BoundedCache<>(bytes / 32, d -> 1024 + 512L * d.changes().size());
    this.overlays =
        new StampedCache<>(
            released.feed(),
            bytes / 16,
            o ->
                4096
                    + 256L * o.ws().controls().size()
                    + 512L * (o.ws().threads().size() + o.ws().deviations().size()));
    this.html = new StampedCache<>(released.feed(), bytes / 8, h -> 2 * h.chars());
    this.frames = new StampedCache<>(released.feed(), bytes / 8, f -> 256 + f.cut().bytes());
  }

  /**
   * The parts of the workspace page of version {@code n} for the caller's organization: 404 (like a
   * missing version) unless the caller may read it.
   */
  public Page page(String serviceId, int n) {
    String org = caller.organization();
    LoadedVersion loaded = load(serviceId, n);
    OrgKey key = key(org, loaded);
    Overlay overlay = overlay(org, key, loaded);
    VersionParts version = versionParts(loaded);
    String base = base(serviceId, n);
    OrgHtml rendered =
        html.get(
            key,
            scope(org),
            h -> h.source() == overlay,
            () -> render(loaded, overlay, version, base));
    return new Page(key, loaded, overlay.ws(), version, rendered, base);
  }

  /**
   * The page as UTF-8. {@code frame} renders the page around the rows, with {@link CutHtml#ROWS}
   * where the rows go and {@link CutHtml#TOKEN} wherever a form needs a fresh token; it is rendered
   * once per {@code variant} (a value naming everything the request adds to the cached parts: the
   * reader's frame and role, the filters, the message) and kept while the organization's overlay
   * stands. Each view then copies the cached bytes — the listed rows in order — and writes fresh
   * tokens into the placeholders: nothing is rendered or encoded per request.
   */
  public byte[] render(
      Page parts, Object variant, Supplier<String> frame, List<ControlRow> listed) {
    CutHtml page =
        frames
            .get(
                new FrameKey(parts.key(), variant),
                scope(parts.key().organization()),
                f -> f.source() == parts.html(),
                () -> new Frame(CutHtml.of(frame.get()), parts.html()))
            .cut();
    List<CutHtml> rows = listed.stream().map(r -> parts.html().rows().get(r.controlId())).toList();
    return page.assemble(rows, OneTimeForms.pageTokens());
  }

  /** The acceptance section (per request: who signs, a fresh idempotency key). */
  public RawString acceptance(Workspace ws, String base, boolean signatory, String key) {
    return new RawString(Parts.workspaceAcceptance(ws, base, signatory, key).render());
  }

  /**
   * What a status saved in place changes on the page — progress, what blocks acceptance, the
   * acceptance section and the control's row — as a small HTML document with the page's element ids
   * (the script swaps them in); read after the save committed.
   */
  public String saved(
      String serviceId, int n, String controlId, boolean signatory, String idempotencyKey) {
    String org = caller.organization();
    LoadedVersion loaded = load(serviceId, n);
    Overlay overlay = overlay(org, key(org, loaded), loaded);
    String base = base(serviceId, n);
    Workspace ws = overlay.ws();
    ControlRow control =
        ws.controls().stream()
            .filter(r -> r.controlId().equals(controlId))
            .findFirst()
            .orElseThrow(NotFoundException::new);
    String row =
        renderRow(
            loaded,
            overlay,
            versionParts(loaded),
            control,
            base,
            new RawString(OneTimeForms.newToken()));
    return Parts.workspaceSaved(
            new RawString(Parts.workspaceSummary(ws, base).render()),
            acceptance(ws, base, signatory, idempotencyKey),
            new RawString(row))
        .render();
  }

  // ------------------------------------------------------------------ the cached parts

  private LoadedVersion load(String serviceId, int n) {
    LoadedVersion loaded =
        released.released(serviceId, n).orElseGet(() -> reader.load(serviceId, n));
    if (!loaded.status().isReleased()) {
      throw new NotFoundException(); // customers review released versions only
    }
    return loaded;
  }

  private OrgKey key(String org, LoadedVersion loaded) {
    return new OrgKey(tenant.requireTenantId(), org, loaded.serviceId(), loaded.version().number());
  }

  private Scope scope(String org) {
    return new Scope(tenant.requireTenantId(), "org:" + org, "publishing");
  }

  private String base(String serviceId, int n) {
    return ReviewPaths.workspace(tenant.requireTenantId(), serviceId, n, null);
  }

  private Overlay overlay(String org, OrgKey key, LoadedVersion loaded) {
    return overlays.get(
        key,
        scope(org),
        () ->
            QuarkusTransaction.joiningExisting()
                .call(
                    () -> {
                      Workspace ws = workspaces.build(org, loaded);
                      Integer accepted = ws.acceptedVersion();
                      DiffView since =
                          accepted == null || accepted == loaded.version().number()
                              ? null
                              : diffFrom(accepted, loaded);
                      return new Overlay(ws, WorkspaceRows.changes(since));
                    }));
  }

  /** The diff from the accepted version, or none when the caller can no longer read it. */
  private DiffView diffFrom(int from, LoadedVersion to) {
    LoadedVersion a;
    try {
      a = load(to.serviceId(), from);
    } catch (NotFoundException e) {
      return null;
    }
    return diffs.get(
        new PairKey(
            tenant.requireTenantId(), to.serviceId(), from, a.contentHash(), to.version().number()),
        () -> matrix.diff(a, to));
  }

  private VersionParts versionParts(LoadedVersion loaded) {
    return versions.get(
        new VersionKey(
            tenant.requireTenantId(),
            loaded.serviceId(),
            loaded.version().number(),
            loaded.contentHash()),
        () -> {
          Map<String, RawString> statements = new HashMap<>();
          long chars = 0;
          for (var e : loaded.statements().entrySet()) {
            String s = Parts.workspaceStatement(e.getValue()).render();
            statements.put(e.getKey(), new RawString(s));
            chars += s.length();
          }
          String overview =
              Parts.workspaceOverview(
                      OverviewChart.of(matrix.overview(loaded)),
                      matrix.overview(loaded),
                      loaded.version().number(),
                      base(loaded.serviceId(), loaded.version().number()))
                  .render();
          return new VersionParts(
              Map.copyOf(statements), new RawString(overview), chars + overview.length());
        });
  }

  private OrgHtml render(LoadedVersion loaded, Overlay overlay, VersionParts version, String base) {
    Workspace ws = overlay.ws();
    Map<String, CutHtml> rows = new HashMap<>();
    long chars = 0;
    for (ControlRow r : ws.controls()) {
      String row = renderRow(loaded, overlay, version, r, base, CutHtml.FORM_TOKEN);
      chars += row.length();
      rows.put(r.controlId(), CutHtml.of(row));
    }
    String summary = Parts.workspaceSummary(ws, base).render();
    String tables = Parts.workspaceTables(ws, tenant.requireTenantId()).render();
    return new OrgHtml(
        Map.copyOf(rows),
        new RawString(summary),
        new RawString(tables),
        chars + summary.length() + tables.length(),
        overlay);
  }

  private String renderRow(
      LoadedVersion loaded,
      Overlay overlay,
      VersionParts version,
      ControlRow r,
      String base,
      RawString token) {
    return Parts.workspaceRow(
            WorkspaceRows.row(r, version.statements(), overlay.changed()),
            tenant.requireTenantId(),
            loaded.serviceId(),
            loaded.version().number(),
            overlay.ws().acceptedVersion(),
            base,
            token)
        .render();
  }
}
