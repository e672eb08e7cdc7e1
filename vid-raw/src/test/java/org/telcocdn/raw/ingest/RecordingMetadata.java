package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;

/**
 * A stand-in for vid-metadata that records every registration and answers with a chosen status, and
 * answers reads of the videos it knows.
 */
final class RecordingMetadata implements AutoCloseable {
  final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
  volatile int status = 201;
  private final HttpServer server;

  /** Ids the catalog answers 200 for on {@code GET /api/videos/{id}} besides the ones registered here. */
  final Set<String> known = ConcurrentHashMap.newKeySet();
  volatile int readStatus = 200;
  final AtomicInteger reads = new AtomicInteger();

  RecordingMetadata() {
    server = HttpServer.builder("fake-metadata").port(0).post("/api/videos", request -> {
      JsonNode body = request.jsonTree();
      registrations.add(body);
      if (status == 201) known.add(body.path("id").asText());
      return status == 201 ? Response.json(201, body) : Response.error(status, "refused", "metadata answers " + status);
    }).get("/api/videos/{id}", request -> {
      reads.incrementAndGet();
      if (readStatus != 200) return Response.error(readStatus, "unavailable", "metadata answers " + readStatus);
      return known.contains(request.param("id")) ? Response.ok(Map.of("id", request.param("id")))
          : Response.error(404, "not_found", "no video " + request.param("id"));
    }).start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
