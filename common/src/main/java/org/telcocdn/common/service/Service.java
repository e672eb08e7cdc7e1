package org.telcocdn.common.service;

/**
 * A running service: what a main method starts and a test or the launcher stops. {@link #port()} is
 * the HTTP port actually bound, so tests configure port 0 and ask.
 */
public interface Service extends AutoCloseable {
  /** The HTTP port of /health, /metrics and the service's API. */
  int port();

  /** The base URL of the service's HTTP API, e.g. {@code http://127.0.0.1:8081}. */
  default String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  void close();
}
