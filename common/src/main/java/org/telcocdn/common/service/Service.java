package org.telcocdn.common.service;

import java.util.List;
import org.telcocdn.common.http.Router;

/**
 * A running service: what a main method starts and a test or the launcher stops. {@link #port()} is
 * the port actually bound, so tests configure port 0 and ask. A service has a viewer listener
 * (plain HTTP, public routes) and a control listener (mutual TLS), or only the control listener,
 * whose port is then also {@link #port()} (docs/security.md).
 */
public interface Service extends AutoCloseable {
  /** The viewer listener's port; the control listener's for a service without a viewer listener. */
  int port();

  /** The base URL of {@link #port()}, e.g. {@code http://127.0.0.1:8081}. */
  default String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The control listener's port. */
  int controlPort();

  /** The control listener's base URL, e.g. {@code https://127.0.0.1:7081}. */
  default String controlUrl() {
    return "https://127.0.0.1:" + controlPort();
  }

  /**
   * Every route of the service's router, each with its access: what the route-coverage test calls.
   */
  List<Router.Route> routes();

  @Override
  void close();
}
