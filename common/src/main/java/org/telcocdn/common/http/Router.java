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
 */
public final class Router {
  /** One route: its method, its template, and whether its body streams to a file. */
  public record Route(String method, String template, Handler handler, boolean upload) {
    List<String> parts() {
      return template.equals("/") ? List.of() : List.of(template.substring(1).split("/"));
    }
  }

  /** The outcome of a lookup: a route with its parameters, or why none matched. */
  public record Match(Route route, Map<String, String> params, Set<String> allowed) {
    public boolean found() {
      return route != null;
    }
  }

  private final List<Route> routes = new ArrayList<>();

  public void add(Route route) {
    routes.add(route);
  }

  /** The routes, for listings and documentation. */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Finds the route of {@code method} and the decoded, checked {@code segments}. */
  public Match match(String method, List<String> segments) {
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = bind(route.parts(), segments);
      if (params == null) continue;
      if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
        return new Match(route, params, allowed);
      }
      allowed.add(route.method());
    }
    return new Match(null, Map.of(), allowed);
  }

  /** Whether some route is an upload route for this path, whatever the method. */
  public boolean isUpload(String method, List<String> segments) {
    Match match = match(method, segments);
    return match.found() && match.route().upload();
  }

  private static Map<String, String> bind(List<String> parts, List<String> segments) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith("{") && part.endsWith("...}")) {
        if (i >= segments.size()) return null;
        params.put(part.substring(1, part.length() - 4), String.join("/", segments.subList(i, segments.size())));
        return params;
      }
      if (i >= segments.size()) return null;
      if (part.startsWith("{") && part.endsWith("}")) {
        params.put(part.substring(1, part.length() - 1), segments.get(i));
      } else if (!part.equals(segments.get(i))) {
        return null;
      }
    }
    return parts.size() == segments.size() ? params : null;
  }
}
