package org.telcocdn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Response;
import org.telcocdn.common.json.Json;

/**
 * vid-raw's ingest and vid-metadata's search on one port 0 server, recording the uploads: the
 * boundary to the other modules in the cli's tests. A body of "bad" is refused like vid-raw refuses
 * a file that is not a video.
 */
final class FakeServices implements AutoCloseable {
  record Upload(String name, List<String> tags, long bytes) {}

  final List<Upload> uploads = new ArrayList<>();
  private final HttpServer server =
      HttpServer.builder("fake")
          .upload("POST", "/api/ingest", this::ingest)
          .get(
              "/api/videos",
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

  String url() {
    return "http://127.0.0.1:" + server.port();
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
