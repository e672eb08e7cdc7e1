package org.telcocdn.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;

/** A broker stand-in that accepts {@code POST /api/invalidations} and keeps every body it got. */
final class RecordingBroker implements AutoCloseable {
  private final List<JsonNode> invalidations = new CopyOnWriteArrayList<>();
  private final HttpServer http =
      HttpServer.builder("fake-broker")
          .post(
              "/api/invalidations",
              request -> {
                invalidations.add(request.jsonTree());
                return Response.json(202, java.util.Map.of("accepted", true));
              })
          .start();

  String url() {
    return "http://127.0.0.1:" + http.port();
  }

  List<JsonNode> invalidations() {
    return List.copyOf(invalidations);
  }

  boolean received(String videoId, String reason) {
    return invalidations.stream()
        .anyMatch(
            n ->
                n.path("videoId").asText().equals(videoId)
                    && n.path("reason").asText().equals(reason));
  }

  @Override
  public void close() {
    http.close();
  }
}
