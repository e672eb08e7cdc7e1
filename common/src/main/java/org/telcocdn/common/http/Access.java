package org.telcocdn.common.http;

import java.util.Set;
import org.telcocdn.security.Caller;
import org.telcocdn.security.OperatorRole;

/**
 * Who may call a route, declared with the route when it is added to the router, so a route cannot
 * be added without it and the route-coverage test (e2e) finds every one. A route is either open
 * (the viewer listener's routes; on the control listener only {@code /health} and the operator
 * page's own files) or needs a caller: an operator whose token's role is at least {@code operators}
 * (null: no operator), or a service whose certificate's role is one of {@code services} ({@link
 * #ANY_SERVICE}: every service). Handlers that need more (the broker binding an edge's name to its
 * certificate) check the {@link Request#caller()} themselves.
 */
public record Access(
    Listener listener, boolean open, OperatorRole operators, Set<String> services) {
  public static final String ANY_SERVICE = "*";

  /** The challenge sent with every 401 (RFC 6750 §3). */
  public static final String BEARER_CHALLENGE = "Bearer realm=\"telcocdn\"";

  private static final Access VIEWER = new Access(Listener.VIEWER, true, null, Set.of());
  private static final Access OPEN_CONTROL = new Access(Listener.CONTROL, true, null, Set.of());

  public Access {
    services = Set.copyOf(services);
  }

  /** Public, on the viewer listener, with CORS. */
  public static Access viewer() {
    return VIEWER;
  }

  /**
   * On the control listener without credentials: {@code /health}, the operator page's static files.
   */
  public static Access openControl() {
    return OPEN_CONTROL;
  }

  /** Operators with at least {@code minimum}, and the services of {@code serviceRoles}. */
  public static Access control(OperatorRole minimum, String... serviceRoles) {
    return new Access(Listener.CONTROL, false, minimum, Set.of(serviceRoles));
  }

  /** Only the services of {@code serviceRoles}; no operator. */
  public static Access services(String... serviceRoles) {
    return new Access(Listener.CONTROL, false, null, Set.of(serviceRoles));
  }

  /**
   * Lets {@code caller} through or throws: 401 {@code unauthenticated} without credentials, 403
   * {@code forbidden} with credentials this route does not accept.
   */
  public void check(Caller caller) {
    if (open) return;
    switch (caller) {
      case Caller.Anonymous a ->
          throw ApiException.unauthenticated(
              "this route needs a bearer token (Authorization: Bearer ...) or a client certificate of the internal CA");
      case Caller.OperatorCall op -> {
        if (operators == null)
          throw ApiException.forbidden(
              caller.describe() + " may not call this route: it is for services only");
        if (!op.operator().role().allows(operators)) {
          throw ApiException.forbidden(
              caller.describe()
                  + " may not call this route: it needs the role "
                  + operators.wire()
                  + " or above");
        }
      }
      case Caller.Service s -> {
        if (!services.contains(ANY_SERVICE) && !services.contains(s.identity().role())) {
          throw ApiException.forbidden(
              caller.describe() + " may not call this route; services allowed: " + services);
        }
      }
    }
  }

  /** What this access is, for listings and docs: {@code viewer}, {@code open}, or the roles. */
  public String describe() {
    if (listener == Listener.VIEWER) return "viewer (public)";
    if (open) return "control, open";
    String ops = operators == null ? "no operator" : "operators " + operators.wire() + "+";
    return "control: "
        + ops
        + (services.isEmpty()
            ? ""
            : "; services " + String.join(", ", services.stream().sorted().toList()));
  }
}
