package dev.tandem.review;

import dev.tandem.audit.AuditLog;
import dev.tandem.audit.AuditLog.Action;
import dev.tandem.audit.AuditLog.Subject;
import dev.tandem.core.TandemConfig;
import dev.tandem.limits.Cost;
import dev.tandem.limits.Costly;
import dev.tandem.publishing.LoadedVersion;
import dev.tandem.publishing.VersionReader;
import dev.tandem.review.ReviewViews.MessageView;
import dev.tandem.review.ReviewViews.ThreadView;
import dev.tandem.tenancy.TenantContext;
import dev.tandem.web.ConflictException;
import dev.tandem.web.Cursor;
import dev.tandem.web.InvalidInputException;
import dev.tandem.web.PageRequest;
import dev.tandem.web.Problem;
import dev.tandem.web.Slice;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Question threads: a customer asks about one control of a published version, both sides reply,
 * either side resolves. A thread belongs to one organization; the provider reaches every thread of
 * its tenant (auditors read only).
 */
@ApplicationScoped
public class ThreadService {
  private final ReviewCaller caller;
  private final VersionReader reader;
  private final ReviewNotifier notifier;
  private final ReviewViewMapper views;
  private final AuditLog audit;
  private final TenantContext tenant;
  private final TandemConfig.Limits.Quotas quotas;

  ThreadService(
      ReviewCaller caller,
      VersionReader reader,
      ReviewNotifier notifier,
      ReviewViewMapper views,
      AuditLog audit,
      TenantContext tenant,
      TandemConfig config) {
    this.tenant = tenant;
    this.quotas = config.limits().quotas();
    this.caller = caller;
    this.reader = reader;
    this.notifier = notifier;
    this.views = views;
    this.audit = audit;
  }

  @Costly(Cost.QUESTION)
  @Transactional
  public ThreadView ask(String serviceId, int number, String controlId, String body) {
    String org = caller.organization();
    LoadedVersion loaded = reader.load(serviceId, number);
    ReviewChecks.requirePublished(loaded);
    String control = InputRules.controlId("controlId", controlId);
    String text = InputRules.body(body);
    if (loaded.statements().get(control) == null) {
      throw new InvalidInputException(
          List.of(new Problem.FieldError("controlId", "is not a control of this version")));
    }
    // Concurrent questions of one organization would each count the same open threads and all
    // pass: the grant's row, locked until this transaction ends, makes them count one by one.
    AccessGrant.findById(new AccessGrant.Key(serviceId, org), LockModeType.PESSIMISTIC_WRITE);
    long open =
        ReviewThread.count(
            "organizationId = ?1 and serviceId = ?2 and status = 'open'", org, serviceId);
    if (open >= quotas.openThreadsPerService()) {
      throw new ConflictException(
          "Your organization has "
              + open
              + " open questions on this service, the most it may have at once: resolve some"
              + " first.",
          null);
    }
    ReviewThread t = new ReviewThread();
    t.id = UUID.randomUUID();
    t.organizationId = org;
    t.serviceId = serviceId;
    t.versionNumber = number;
    t.controlId = control;
    t.status = "open";
    t.createdBy = caller.username();
    t.createdByName = caller.displayName();
    t.createdAt = ReviewChecks.now();
    t.persist();
    ReviewThread.flush();
    addMessage(t, text, "customer");
    // Marks the control "question" unless it has a status (one statement: a concurrent status
    // save of the same control cannot make this fail).
    boolean marked =
        ControlReview.save(
            tenant.requireTenantId(),
            org,
            serviceId,
            number,
            control,
            "question",
            caller.username(),
            ReviewChecks.now(),
            false);
    audit.record(
        caller.username(),
        Action.QUESTION_OPENED,
        subject(t),
        marked ? Map.of("status", "question") : Map.of());
    notifier.newQuestion(t, text);
    return views.threadView(t);
  }

  @Transactional
  public Slice<ThreadView> myThreads(String serviceId, PageRequest page) {
    String org = caller.organizationOnService(serviceId);
    return Slice.of(ReviewThread.ofService(org, serviceId, page), page, ReviewThread::cursor)
        .mapAll(views::threadViews);
  }

  /** One page of a thread's messages, oldest first (keyset on time, id). */
  @Transactional
  public Slice<MessageView> messages(UUID id, PageRequest page) {
    ReviewThread t = requireThread(id, false);
    String order = " order by createdAt, id";
    // Panache's range is inclusive: one row more than a page tells whether another follows.
    List<ReviewMessage> rows =
        page.after() == null
            ? ReviewMessage.<ReviewMessage>find("threadId = ?1" + order, t.id)
                .range(0, page.limit())
                .list()
            : ReviewMessage.<ReviewMessage>find(
                    "threadId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))" + order,
                    t.id,
                    page.after().instant(),
                    page.after().uuid())
                .range(0, page.limit())
                .list();
    return Slice.of(rows, page, m -> Cursor.of(m.createdAt, m.id)).map(views::messageView);
  }

  /** The name of a customer organization of the tenant, for pages (its id when unknown). */
  @Transactional
  public String organizationName(String organizationId) {
    return ReviewViewMapper.organizationNames().getOrDefault(organizationId, organizationId);
  }

  @Transactional
  public ThreadView thread(UUID id) {
    return views.threadView(requireThread(id, false));
  }

  @Costly(Cost.REPLY)
  @Transactional
  public ThreadView reply(UUID id, String body) {
    ReviewThread t = requireThread(id, true);
    boolean provider = caller.isProvider();
    if (provider && !caller.canAnswer()) {
      throw new ForbiddenException();
    }
    String text = InputRules.body(body);
    if (!t.isOpen()) {
      throw new ConflictException("This thread is resolved; ask a new question instead.", null);
    }
    if (ReviewMessage.count("threadId", t.id) >= quotas.messagesPerThread()) {
      throw new ConflictException(
          "This thread has reached "
              + quotas.messagesPerThread()
              + " messages; ask a new question instead.",
          null);
    }
    String side = provider ? "provider" : "customer";
    addMessage(t, text, side);
    audit.record(caller.username(), Action.REPLY_POSTED, subject(t), Map.of("side", side));
    if (provider) {
      notifier.reply(t);
    }
    return views.threadView(t);
  }

  @Transactional
  public ThreadView resolve(UUID id) {
    ReviewThread t = requireThread(id, true);
    if (caller.isProvider() && !caller.canAnswer()) {
      throw new ForbiddenException();
    }
    if (t.isOpen()) {
      t.status = "resolved";
      t.resolvedBy = caller.username();
      t.resolvedByName = caller.displayName();
      t.resolvedAt = ReviewChecks.now();
      audit.record(caller.username(), Action.THREAD_RESOLVED, subject(t), Map.of());
    }
    return views.threadView(t);
  }

  private static Subject subject(ReviewThread t) {
    return Subject.control(t.serviceId, t.versionNumber, t.controlId)
        .organization(t.organizationId)
        .object(t.id);
  }

  private void addMessage(ReviewThread t, String body, String side) {
    ReviewMessage m = new ReviewMessage();
    m.id = UUID.randomUUID();
    m.threadId = t.id;
    m.author = caller.username();
    m.authorName = caller.displayName();
    m.side = side;
    m.body = body;
    m.createdAt = Instant.now();
    m.persist();
  }

  private ReviewThread requireThread(UUID id, boolean lock) {
    ReviewThread t =
        lock
            ? ReviewThread.<ReviewThread>findById(id, LockModeType.PESSIMISTIC_WRITE)
            : ReviewThread.<ReviewThread>findById(id);
    if (t == null || !caller.mayReach(t.organizationId, t.serviceId)) {
      throw new NotFoundException();
    }
    return t;
  }
}
