package dev.tandem.attack;

import dev.tandem.security.RoleRefusal;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every route of the application's JAX-RS resources, read by reflection from the application's own
 * classes (the directory holding {@code dev.tandem}), with the roles its {@code @RolesAllowed}
 * admits — so the battery knows page routes the OpenAPI document hides and which role may make each
 * call.
 */
public final class ResourceRoutes {
  private static final Pattern REGEX_IN_PARAM = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

  private ResourceRoutes() {}

  /** One resource method: HTTP method, full path template, Java method and admitted roles. */
  public record Route(String method, String path, Method javaMethod, Set<String> roles) {
    public String key() {
      return method + " " + path;
    }
  }

  private static volatile List<Route> all;

  /** Every route of the application (not of the test classes). */
  public static List<Route> all() {
    if (all == null) {
      all = scan();
    }
    return all;
  }

  private static List<Route> scan() {
    java.nio.file.Path root;
    try {
      root =
          java.nio.file.Path.of(
              RoleRefusal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<Route> routes = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/tandem"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains("$")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, loader);
        Path classPath = c.getAnnotation(Path.class);
        if (classPath == null) {
          continue;
        }
        for (Method m : c.getDeclaredMethods()) {
          String http = httpMethod(m);
          if (http == null) {
            continue;
          }
          Path methodPath = m.getAnnotation(Path.class);
          String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
          routes.add(new Route(http, path, m, RoleRefusal.allowedRoles(m, c)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(routes);
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

  static String join(String a, String b) {
    String s = ("/" + a + "/" + b).replaceAll("/+", "/");
    if (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return REGEX_IN_PARAM.matcher(s).replaceAll("{$1}");
  }
}
