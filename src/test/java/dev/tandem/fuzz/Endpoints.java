package dev.tandem.fuzz;

import dev.tandem.security.RoleRefusal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Every JAX-RS resource method of the application, read from its compiled classes: method, path
 * template, the roles it admits ({@link RoleRefusal#allowedRoles}, the rule the application itself
 * uses), what it consumes, and the names of its form fields, query and header parameters. The
 * pages' form posts are not in the OpenAPI document; this is how the fuzz finds all of them.
 */
final class Endpoints {
  private Endpoints() {}

  record FormField(String name, boolean file) {}

  record Endpoint(
      String method,
      String path,
      Class<?> type,
      Method javaMethod,
      Set<String> roles,
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

  static List<Endpoint> all() {
    java.nio.file.Path root = java.nio.file.Path.of("target/classes");
    List<Endpoint> endpoints = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/tandem"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file)
                .toString()
                .replace('/', '.')
                .replace('\\', '.')
                .replaceAll("\\.class$", "");
        if (name.contains("$")) {
          continue;
        }
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        Path classPath = type.getAnnotation(Path.class);
        if (classPath == null) {
          continue;
        }
        for (Method m : type.getDeclaredMethods()) {
          String http = httpMethod(m);
          if (http == null) {
            continue;
          }
          Path methodPath = m.getAnnotation(Path.class);
          String path =
              normalize(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
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
              String field =
                  fp != null ? fp.value() : rf.value().isEmpty() ? p.getName() : rf.value();
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
              headers.add(
                  hp != null ? hp.value() : rh.value().isEmpty() ? p.getName() : rh.value());
            }
          }
          endpoints.add(
              new Endpoint(
                  http,
                  path,
                  type,
                  m,
                  RoleRefusal.allowedRoles(m, type),
                  consumes == null ? List.of() : Arrays.asList(consumes.value()),
                  List.copyOf(form),
                  List.copyOf(query),
                  List.copyOf(headers)));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the compiled classes under " + root, e);
    }
    endpoints.sort(Comparator.comparing(Endpoint::key));
    return endpoints;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** "/a//b/{x: [0-9]+}/" → "/a/b/{x}". */
  static String normalize(String path) {
    String p = ("/" + path).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
