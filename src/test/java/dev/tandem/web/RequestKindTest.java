package dev.tandem.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one request classifier (plain JUnit). */
@Tag("fast")
class RequestKindTest {
  @Test
  void onlyTheSegmentAfterTheTenantMakesATenantApiPath() {
    assertEquals(RequestKind.TENANT_API, RequestKind.of("/t/nimbus/api/services"));
    assertEquals(RequestKind.TENANT_API, RequestKind.of("/t/nimbus/api"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/t/nimbus/publishing/services/api/versions/1"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/t/nimbus/review/services/api/questions"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/t/api/publishing"));
    assertEquals(RequestKind.TENANT_API, RequestKind.of("/t/api/api/services"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/t/nimbus/apidocs"));
    // An empty tenant id is no tenant: not an API path.
    assertEquals(RequestKind.PAGE, RequestKind.of("/t//api/services"));
    assertEquals(RequestKind.TENANT_API, RequestKind.of("/t/x/api/services"));
  }

  @Test
  void platformAndOperationsPaths() {
    assertEquals(RequestKind.PLATFORM_API, RequestKind.of("/platform/api/tenants"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/platform/apis"));
    assertEquals(RequestKind.OPERATIONS, RequestKind.of("/q/health"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/"));
    assertEquals(RequestKind.PAGE, RequestKind.of("/css/tandem.css"));
  }

  @Test
  void apisAnswerProgramsPagesAnswerBrowsers() {
    assertEquals(true, RequestKind.TENANT_API.api());
    assertEquals(true, RequestKind.PLATFORM_API.api());
    assertEquals(true, RequestKind.OPERATIONS.api());
    assertEquals(false, RequestKind.PAGE.api());
  }
}
