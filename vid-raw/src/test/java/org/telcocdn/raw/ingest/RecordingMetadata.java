package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.security.ServiceRoles;

/** A stand-in for vid-metadata that records every registration and answers with a chosen status. */
final class RecordingMetadata implements AutoCloseable {
  final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
  volatile int status = 201;
  private final HttpServer server;

  RecordingMetadata() {
    ServiceSecurity security = ServiceSecurity.load(SecurityConfig.from(Settings.of(
        OriginTestConfigs.CREDS.settings(ServiceRoles.METADATA, "vid-metadata"))), "fake-metadata");
    server = HttpServer.builder("fake-metadata").control("127.0.0.1", 0, security)
        .post("/api/videos", Access.services(ServiceRoles.ORIGIN), request -> {
      JsonNode body = request.jsonTree();
      registrations.add(body);
      return status == 201 ? Response.json(201, body) : Response.error(status, "internal", "metadata is broken");
    }).start();
  }

  String url() {
    return "https://127.0.0.1:" + server.controlPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
