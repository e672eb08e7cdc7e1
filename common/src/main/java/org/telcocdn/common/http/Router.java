package org.telcocdn.common.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a method and path against route templates such as {@code /api/videos/{id}} ({@code {x}}
 * takes one segment) or {@code /videos/{id}/{file...}} ({@code {x...}}, last only, takes the rest,
 * joined by '/'). Routes are tried in the order they were added.
 *
 * <p>Templates are split once, when added, and a route that does not match allocates nothing: the
 * broker matches every {@code /play} request against all of its routes.
 */
public final class Router {
  /**
   * One route: its method, its template, whether its body streams to a file (and who admits such an
   * upload), and where it runs.
   */
  public record Route(
      String method,
      String template,
      Handler handler,
      boolean upload,
      Dispatch dispatch,
      UploadAdmission admission) {
    public Route(
        String method, String template, Handler handler, boolean upload, Dispatch dispatch) {
      this(method, template, handler, upload, dispatch, UploadAdmission.ALWAYS);
    }

    public Route(String method, String template, Handler handler, boolean upload) {
      this(method, template, handler, upload, Dispatch.VIRTUAL_THREAD);
    }
  }

  /** The outcome of a lookup: a route with its parameters, or why none matched. */
  public record Match(Route route, Map<String, String> params, Set<String> allowed) {
    public boolean found() {
      return route != null;
    }
  }

  /** A route with its template split into parts, once. */
  private record Compiled(Route route, String[] parts) {
    static Compiled of(Route route) {
      String t = route.template();
      return new Compiled(route, t.equals("/") ? new String[0] : t.substring(1).split("/"));
    }
  }

  private final List<Compiled> routes = new ArrayList<>();

  public void add(Route route) {
    routes.add(Compiled.of(route));
  }

  /** The routes, for listings and documentation. */
  public List<Route> routes() {
    return routes.stream().map(Compiled::route).toList();
  }

  /** Finds the route of {@code method} and the decoded, checked {@code segments}. */
  public Match match(String method, List<String> segments) {
    Set<String> allowed = null;
    for (Compiled c : routes) {
      if (!fits(c.parts(), segments)) continue;
      Route route = c.route();
      if (route.method().equals(method)
          || (method.equals("HEAD") && route.method().equals("GET"))) {
        return new Match(route, bind(c.parts(), segments), Set.of());
      }
      if (allowed == null) allowed = new TreeSet<>();
      allowed.add(route.method());
    }
    return new Match(null, Map.of(), allowed == null ? Set.of() : allowed);
  }

  /** Whether the segments fit the template's parts, without building anything. */
  private static boolean fits(String[] parts, List<String> segments) {
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (isRest(part)) return i < segments.size();
      if (i >= segments.size()) return false;
      if (!isParam(part) && !part.equals(segments.get(i))) return false;
    }
    return parts.length == segments.size();
  }

  /** The parameters of segments that {@link #fits} the parts. */
  private static Map<String, String> bind(String[] parts, List<String> segments) {
    Map<String, String> params = new HashMap<>(4);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (isRest(part)) {
        params.put(
            part.substring(1, part.length() - 4),
            String.join("/", segments.subList(i, segments.size())));
        return params;
      }
      if (isParam(part)) params.put(part.substring(1, part.length() - 1), segments.get(i));
    }
    return params;
  }

  private static boolean isRest(String part) {
    return part.startsWith("{") && part.endsWith("...}");
  }

  private static boolean isParam(String part) {
    return part.startsWith("{") && part.endsWith("}");
  }
}
