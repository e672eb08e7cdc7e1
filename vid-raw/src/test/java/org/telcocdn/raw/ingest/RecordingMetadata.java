package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;

/** A stand-in for vid-metadata that records every registration and answers with a chosen status. */
final class RecordingMetadata implements AutoCloseable {
  final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
  volatile int status = 201;
  private final HttpServer server;

  RecordingMetadata() {
    server =
        HttpServer.builder("fake-metadata")
            .port(0)
            .post(
                "/api/videos",
                request -> {
                  JsonNode body = request.jsonTree();
                  registrations.add(body);
                  return status == 201
                      ? Response.json(201, body)
                      : Response.error(status, "internal", "metadata is broken");
                })
            .start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
