package dev.tandem.interchange;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A file previewed on the import page and waiting to be applied (V10__import_upload.sql): the page
 * cannot send the file again without the user choosing it once more, so its bytes wait here for an
 * hour at most. Only files whose preview had no errors are kept; applying deletes it.
 */
@Entity
@Table(name = "import_upload")
public class ImportUpload extends PanacheEntityBase {
  @TenantId
  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Id public UUID id;

  @Column(name = "service_id", nullable = false)
  public String serviceId;

  @Column(name = "file_name", nullable = false)
  public String fileName;

  @Column(name = "media_type")
  public String mediaType;

  @Column(nullable = false)
  public String sha256;

  @Column(nullable = false)
  public byte[] content;

  @Column(name = "uploaded_by", nullable = false)
  public String uploadedBy;

  @Column(name = "uploaded_at", nullable = false)
  public Instant uploadedAt;
}
