package dev.tandem.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The friendly error page shown to browsers (API clients get problem+json instead). */
@CheckedTemplate(basePath = "web")
final class ErrorPages {
  private ErrorPages() {}

  static native TemplateInstance error(
      Problem problem, String requestId, ErrorBranding.Brand brand);
}
