package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.telcocdn.common.config.Settings;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.security.SecurityConfig;
import org.telcocdn.common.security.ServiceSecurity;
import org.telcocdn.raw.OriginTestConfigs;
import org.telcocdn.security.ServiceRoles;

/**
 * A stand-in for vid-metadata that records every registration and answers with a chosen status, and
 * answers reads of the videos it knows.
 */
public final class RecordingMetadata implements AutoCloseable {
  public final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
  volatile int status = 201;
  private final HttpServer server;

  /**
   * Ids the catalog answers 200 for on {@code GET /api/videos/{id}} besides the ones registered
   * here.
   */
  final Set<String> known = ConcurrentHashMap.newKeySet();

  volatile int readStatus = 200;
  final AtomicInteger reads = new AtomicInteger();

  /** Ids removed with {@code DELETE /api/videos/{id}}. */
  public final List<String> removals = new CopyOnWriteArrayList<>();

  public RecordingMetadata() {
    ServiceSecurity security =
        ServiceSecurity.load(
            SecurityConfig.from(
                Settings.of(
                    OriginTestConfigs.CREDS.settings(ServiceRoles.METADATA, "vid-metadata"))),
            "fake-metadata");
    server =
        HttpServer.builder("fake-metadata")
            .control("127.0.0.1", 0, security)
            .post(
                "/api/videos",
                Access.services(ServiceRoles.ORIGIN),
                request -> {
                  JsonNode body = request.jsonTree();
                  registrations.add(body);
                  if (status == 201) known.add(body.path("id").asText());
                  // as vid-metadata does: the entry with its computed play link
                  ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                      .put("playUrl", "http://broker.test/play/" + body.path("id").asText());
                  return status == 201
                      ? Response.json(201, body)
                      : Response.error(status, "refused", "metadata answers " + status);
                })
            .get(
                "/api/videos/{id}",
                Access.services(ServiceRoles.ORIGIN),
                request -> {
                  reads.incrementAndGet();
                  if (readStatus != 200)
                    return Response.error(
                        readStatus, "unavailable", "metadata answers " + readStatus);
                  return known.contains(request.param("id"))
                      ? Response.ok(Map.of("id", request.param("id")))
                      : Response.error(404, "not_found", "no video " + request.param("id"));
                })
            .delete(
                "/api/videos/{id}",
                Access.services(ServiceRoles.ORIGIN),
                request -> {
                  removals.add(request.param("id"));
                  return known.remove(request.param("id"))
                      ? Response.noContent()
                      : Response.error(404, "not_found", "no video " + request.param("id"));
                })
            .start();
  }

  public String url() {
    return "https://127.0.0.1:" + server.controlPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
