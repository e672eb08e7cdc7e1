package org.telcocdn.broker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;

/**
 * A stand-in for vid-cache at the module boundary: a real HTTP server on port 0 that records the
 * invalidations it receives, and can refuse the first few to exercise the broker's retry.
 */
final class RecordingEdge implements AutoCloseable {
  final String name;
  private final HttpServer server;
  private final List<JsonNode> invalidations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;

  RecordingEdge(String name, int failFirst) {
    this.name = name;
    this.failuresLeft = new AtomicInteger(failFirst);
    this.server =
        HttpServer.builder("fake-" + name)
            .port(0)
            .post(
                "/internal/invalidate",
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

  List<JsonNode> invalidations() {
    return invalidations;
  }

  @Override
  public void close() {
    server.close();
  }
}
