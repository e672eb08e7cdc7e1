package org.telcocdn.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.security.ServiceRoles;

/**
 * A broker stand-in whose control listener accepts {@code POST /api/invalidations} from
 * vid-metadata only (its certificate) and keeps every body it got.
 */
final class RecordingBroker implements AutoCloseable {
  private final List<JsonNode> invalidations = new CopyOnWriteArrayList<>();
  private final HttpServer http =
      HttpServer.builder("fake-broker")
          .control(
              "127.0.0.1",
              0,
              ServiceSecurity.load(
                  SecurityConfig.from(
                      Settings.of(TestMetadata.CREDS.settings(ServiceRoles.BROKER, "broker"))),
                  "fake-broker"))
          .post(
              "/api/invalidations",
              Access.services(ServiceRoles.METADATA),
              request -> {
                invalidations.add(request.jsonTree());
                return Response.json(202, java.util.Map.of("accepted", true));
              })
          .start();

  String url() {
    return "https://127.0.0.1:" + http.controlPort();
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
