package dev.tandem.fuzz;

import dev.tandem.attack.ResourceRoutes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Every JAX-RS resource method of the application as {@link ResourceRoutes} reads it (method, path
 * template, the roles it admits), with what the fuzz needs besides: what it consumes and the names
 * of its form fields, query and header parameters. The pages' form posts are not in the OpenAPI
 * document; this is how the fuzz finds all of them.
 */
final class Endpoints {
  private Endpoints() {}

  record FormField(String name, boolean file) {}

  record Endpoint(
      String method,
      String path,
      Class<?> type,
      Method javaMethod,
      java.util.Set<String> roles,
      List<String> consumes,
      List<FormField> form,
      List<String> query,
      List<String> headers) {
    String key() {
      return method + " " + path;
    }

    boolean isApi() {
      return path.startsWith("/t/{tenant}/api/") || path.startsWith("/platform/api/");
    }

    boolean isFormPost() {
      return !isApi()
          && method.equals("POST")
          && consumes.stream()
              .anyMatch(
                  c ->
                      c.startsWith("application/x-www-form-urlencoded")
                          || c.startsWith("multipart/form-data"));
    }

    boolean multipart() {
      return consumes.stream().anyMatch(c -> c.startsWith("multipart/form-data"));
    }
  }

  /** Every route of {@link ResourceRoutes} (the attack batteries' reading), with its inputs. */
  static List<Endpoint> all() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (ResourceRoutes.Route route : ResourceRoutes.all()) {
      Method m = route.javaMethod();
      Class<?> type = m.getDeclaringClass();
      Consumes consumes = m.getAnnotation(Consumes.class);
      if (consumes == null) {
        consumes = type.getAnnotation(Consumes.class);
      }
      List<FormField> form = new ArrayList<>();
      List<String> query = new ArrayList<>();
      List<String> headers = new ArrayList<>();
      for (Parameter p : m.getParameters()) {
        RestForm rf = p.getAnnotation(RestForm.class);
        FormParam fp = p.getAnnotation(FormParam.class);
        if (rf != null || fp != null) {
          String field = fp != null ? fp.value() : rf.value().isEmpty() ? p.getName() : rf.value();
          form.add(new FormField(field, p.getType() == FileUpload.class));
        }
        QueryParam qp = p.getAnnotation(QueryParam.class);
        RestQuery rq = p.getAnnotation(RestQuery.class);
        if (qp != null || rq != null) {
          query.add(qp != null ? qp.value() : rq.value().isEmpty() ? p.getName() : rq.value());
        }
        HeaderParam hp = p.getAnnotation(HeaderParam.class);
        RestHeader rh = p.getAnnotation(RestHeader.class);
        if (hp != null || rh != null) {
          headers.add(hp != null ? hp.value() : rh.value().isEmpty() ? p.getName() : rh.value());
        }
      }
      endpoints.add(
          new Endpoint(
              route.method(),
              route.path(),
              type,
              m,
              route.roles(),
              consumes == null ? List.of() : Arrays.asList(consumes.value()),
              List.copyOf(form),
              List.copyOf(query),
              List.copyOf(headers)));
    }
    endpoints.sort(Comparator.comparing(Endpoint::key));
    return endpoints;
  }
}
