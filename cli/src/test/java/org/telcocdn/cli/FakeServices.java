package org.telcocdn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;
import org.telcocdn.security.OperatorRole;
import org.telcocdn.security.Secrets;

/**
 * vid-raw's ingest (on a control listener, for operators, with the certificates of {@code
 * dataDir}'s secrets) and vid-metadata's search (on a viewer listener) on one port 0 server,
 * recording the uploads: the boundary to the other modules in the cli's tests. A body of "bad" is
 * refused like vid-raw refuses a file that is not a video.
 */
final class FakeServices implements AutoCloseable {
  record Upload(String name, List<String> tags, long bytes) {}

  final List<Upload> uploads = new ArrayList<>();
  final Secrets secrets;
  private final HttpServer server;

  FakeServices(Path dataDir) {
    secrets = CliTestSecrets.ensure(dataDir, "vid-raw/fake");
    server =
        HttpServer.builder("fake")
            .viewer("127.0.0.1", 0)
            .control("127.0.0.1", 0, CliTestSecrets.security(secrets, "fake"))
            .upload("POST", "/api/ingest", Access.control(OperatorRole.OPERATOR), this::ingest)
            .get(
                "/api/videos",
                Access.viewer(),
                request -> {
                  String q = request.queryParam("q").orElse("");
                  return Response.ok(
                      Map.of(
                          "videos",
                          videos().stream()
                              .filter(v -> v.path("name").asText().contains(q))
                              .toList()));
                })
            .start();
  }

  /** The catalog search (viewer listener). */
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The ingest (control listener). */
  String controlUrl() {
    return "https://127.0.0.1:" + server.controlPort();
  }

  private synchronized Response ingest(org.telcocdn.common.http.Request request)
      throws IOException {
    byte[] body = Files.readAllBytes(request.bodyFile());
    if (new String(body).equals("bad"))
      throw new ApiException(422, "not_a_video", "ffprobe: invalid data");
    String name = request.queryParam("name").orElseThrow();
    uploads.add(new Upload(name, request.queryParams("tag"), body.length));
    return Response.json(201, video(uploads.size(), name));
  }

  private synchronized List<ObjectNode> videos() {
    List<ObjectNode> videos = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) videos.add(video(i + 1, uploads.get(i).name()));
    return videos;
  }

  private static ObjectNode video(int n, String name) {
    ObjectNode video = Json.MAPPER.createObjectNode();
    video
        .put("id", "00000000000" + n)
        .put("name", name)
        .put("playUrl", "http://127.0.0.1:8080/play/00000000000" + n);
    return video;
  }

  @Override
  public void close() {
    server.close();
  }
}
