package org.telcocdn.broker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.ServiceRoles;

/**
 * A stand-in for vid-cache at the module boundary: a real server on port 0, with a viewer listener
 * (where players would be sent) and a control listener that takes invalidations from the broker
 * only, records them, and can refuse the first few to exercise the broker's retry.
 */
final class RecordingEdge implements AutoCloseable {
  final String name;
  private final HttpServer server;
  private final List<JsonNode> invalidations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;

  RecordingEdge(String name, int failFirst) {
    this.name = name;
    this.failuresLeft = new AtomicInteger(failFirst);
    ServiceSecurity security =
        ServiceSecurity.load(
            SecurityConfig.from(
                Settings.of(TestBroker.CREDS.settings(TestBroker.edge(name, "site-a")))),
            "fake-" + name);
    this.server =
        HttpServer.builder("fake-" + name)
            .viewer("127.0.0.1", 0)
            .control("127.0.0.1", 0, security)
            .post(
                "/internal/invalidate",
                Access.services(ServiceRoles.BROKER),
                request -> {
                  if (failuresLeft.getAndDecrement() > 0)
                    return Response.error(503, "unavailable", "warming up");
                  invalidations.add(request.jsonTree());
                  return Response.ok(Map.of("removedObjects", 3));
                })
            .start();
  }

  RecordingEdge(String name) {
    this(name, 0);
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  String controlUrl() {
    return "https://127.0.0.1:" + server.controlPort();
  }

  List<JsonNode> invalidations() {
    return invalidations;
  }

  @Override
  public void close() {
    server.close();
  }
}
