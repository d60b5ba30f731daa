package dev.tandem.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** One message of a thread (Markdown source; rendered through the sanitizer when shown). */
@Entity
@Table(name = "review_message")
public class ReviewMessage extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "thread_id", nullable = false, updatable = false)
  public UUID threadId;

  @Column(nullable = false, updatable = false)
  public String author;

  /** The author's display name when writing (the name shown, never rewritten). */
  @Column(name = "author_name", nullable = false, updatable = false)
  public String authorName;

  @Column(nullable = false, updatable = false)
  public String side;

  @Column(nullable = false, updatable = false)
  public String body;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  public static List<ReviewMessage> ofThread(UUID threadId) {
    return list("threadId = ?1 order by createdAt, id", threadId);
  }
}
