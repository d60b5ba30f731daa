package dev.tandem.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.publishing.Markdown;
import dev.tandem.publishing.StatementVersion;
import dev.tandem.publishing.VersionStatus;
import dev.tandem.review.ReviewViews.CustomerServiceView;
import dev.tandem.review.ReviewViews.GrantView;
import dev.tandem.tenancy.CloudService;
import dev.tandem.tenancy.CustomerOrganization;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.tenancy.TenantRecord;
import dev.tandem.web.Cursor;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Slice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access grants (the provider gives and revokes them) and the NDA click-through (a customer user
 * accepts it for the organization). Every change is in the audit trail, under the organization
 * concerned; a revoked grant's row is deleted, and its audit entry keeps what it was, who revoked
 * it and when.
 */
@ApplicationScoped
public class GrantService {
  private final ReviewCaller caller;
  private final TenantContext tenant;
  private final Markdown markdown;
  private final ObjectMapper json;
  private final ReviewViewMapper views;
  private final AuditLog audit;

  GrantService(
      ReviewCaller caller,
      TenantContext tenant,
      Markdown markdown,
      ObjectMapper json,
      ReviewViewMapper views,
      AuditLog audit) {
    this.caller = caller;
    this.tenant = tenant;
    this.markdown = markdown;
    this.json = json;
    this.views = views;
    this.audit = audit;
  }

  // ------------------------------------------------------------------ provider

  @Transactional
  public Slice<GrantView> grants(PageRequest page) {
    Map<String, String> names = ReviewViewMapper.organizationNames();
    String q = "order by serviceId, organizationId";
    List<AccessGrant> rows;
    if (page.after() == null) {
      rows = AccessGrant.<AccessGrant>find(q).range(0, page.limit()).list();
    } else {
      // Keyset on (service, organization); Panache's range is inclusive (one row more).
      rows =
          AccessGrant.<AccessGrant>find(
                  "serviceId > ?1 or (serviceId = ?1 and organizationId > ?2) " + q,
                  page.after().key(),
                  page.after().id())
              .range(0, page.limit())
              .list();
    }
    return Slice.of(rows, page, g -> new Cursor(g.serviceId, g.organizationId))
        .map(g -> views.grantView(g, names));
  }

  @Transactional
  public GrantView grant(String serviceId, String organizationId, boolean ndaRequired) {
    ReviewChecks.requireService(serviceId);
    CustomerOrganization org = requireOrganization(organizationId);
    AccessGrant g = AccessGrant.of(serviceId, organizationId).orElse(null);
    if (g == null) {
      g = give(caller.username(), serviceId, organizationId, ndaRequired, audit);
    } else if (g.ndaRequired != ndaRequired) {
      g.ndaRequired = ndaRequired;
      g.grantedBy = caller.username();
      g.grantedAt = ReviewChecks.now();
      audit.record(
          caller.username(),
          Action.GRANT_GIVEN,
          Subject.service(serviceId).organization(organizationId),
          Map.of("ndaRequired", ndaRequired, "changed", "ndaRequired"));
    }
    return views.grantView(g, Map.of(org.id, org.name));
  }

  /** Creates a grant and records it (also used by the demo data import). */
  static AccessGrant give(
      String actor, String serviceId, String organizationId, boolean ndaRequired, AuditLog audit) {
    AccessGrant g = new AccessGrant();
    g.serviceId = serviceId;
    g.organizationId = organizationId;
    g.ndaRequired = ndaRequired;
    g.grantedBy = actor;
    g.grantedAt = ReviewChecks.now();
    g.persist();
    audit.record(
        actor,
        Action.GRANT_GIVEN,
        Subject.service(serviceId).organization(organizationId),
        Map.of("ndaRequired", ndaRequired));
    return g;
  }

  @Transactional
  public void revoke(String serviceId, String organizationId) {
    ReviewChecks.requireService(serviceId);
    requireOrganization(organizationId);
    AccessGrant g = AccessGrant.of(serviceId, organizationId).orElseThrow(NotFoundException::new);
    Map<String, Object> was = new LinkedHashMap<>();
    was.put("ndaRequired", g.ndaRequired);
    was.put("grantedBy", g.grantedBy);
    was.put("grantedAt", g.grantedAt.toString());
    if (g.ndaAcceptedAt != null) {
      was.put("ndaAcceptedBy", g.ndaAcceptedBy);
      was.put("ndaAcceptedAt", g.ndaAcceptedAt.toString());
    }
    g.delete();
    audit.record(
        caller.username(),
        Action.GRANT_REVOKED,
        Subject.service(serviceId).organization(organizationId),
        was);
  }

  // ------------------------------------------------------------------ customer

  @Transactional
  public Slice<CustomerServiceView> myServices(PageRequest page) {
    // An organization's grants: bounded by the tenant's services.
    return Slice.inMemory(myServices(), page, CustomerServiceView::serviceId);
  }

  @Transactional
  public List<CustomerServiceView> myServices() {
    String org = caller.organization();
    List<CustomerServiceView> result = new ArrayList<>();
    for (AccessGrant g : AccessGrant.ofOrganization(org)) {
      CloudService s = CloudService.findById(g.serviceId);
      if (s != null) {
        result.add(customerServiceView(s, g, org));
      }
    }
    return result;
  }

  @Transactional
  public CustomerServiceView acceptNda(String serviceId) {
    String org = caller.organization();
    AccessGrant g =
        AccessGrant.<AccessGrant>findById(
            new AccessGrant.Key(serviceId, org), LockModeType.PESSIMISTIC_WRITE);
    if (g == null) {
      throw new NotFoundException();
    }
    if (g.ndaRequired && g.ndaAcceptedAt == null) {
      g.ndaAcceptedBy = caller.username();
      g.ndaAcceptedAt = ReviewChecks.now();
      audit.record(
          caller.username(),
          Action.NDA_ACCEPTED,
          Subject.service(serviceId).organization(org),
          Map.of());
    }
    return customerServiceView(CloudService.findById(serviceId), g, org);
  }

  private CustomerServiceView customerServiceView(CloudService s, AccessGrant g, String org) {
    if (!g.open()) {
      String nda = nda();
      return new CustomerServiceView(
          s.id, s.name, true, false, nda, markdown.render(nda), null, null);
    }
    Integer latest =
        StatementVersion.ofService(s.id).stream()
            .filter(v -> v.status == VersionStatus.PUBLISHED)
            .map(v -> v.number)
            .max(Integer::compare)
            .orElse(null);
    return new CustomerServiceView(
        s.id,
        s.name,
        g.ndaRequired,
        g.ndaAcceptedAt != null,
        null,
        null,
        latest,
        Acceptance.inForce(org, s.id).map(a -> a.versionNumber).orElse(null));
  }

  /** The tenant's NDA text (tenant.yaml {@code nda}). */
  private String nda() {
    TenantRecord r = TenantRecord.findById(tenant.requireTenantId());
    try {
      JsonNode d = json.readTree(r.definition);
      return d.path("nda").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private static CustomerOrganization requireOrganization(String organizationId) {
    CustomerOrganization o = CustomerOrganization.findById(organizationId);
    if (o == null) {
      throw new NotFoundException();
    }
    return o;
  }
}
