package org.telcocdn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.telcocdn.common.json.Json;

/**
 * Uploads a video to vid-raw and looks videos up in vid-metadata. The upload streams the file from
 * disk (a video may be gigabytes) and waits long, because vid-raw answers only once the video is
 * transcoded into every rendition.
 */
public final class IngestClient {
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration INGEST = Duration.ofMinutes(30);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(CONNECT).version(HttpClient.Version.HTTP_1_1).build();

  /** Posts {@code file}; returns the video JSON vid-raw answers, or fails with its JSON error. */
  public JsonNode ingest(String originUrl, Path file, String name, List<String> tags) {
    if (!Files.isRegularFile(file)) throw CliException.usage(file + " is not a file");
    StringBuilder query = new StringBuilder("?name=").append(encode(name));
    tags.forEach(tag -> query.append("&tag=").append(encode(tag)));
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(originUrl + "/api/ingest" + query))
              .timeout(INGEST)
              .header("Content-Type", "application/octet-stream")
              .POST(HttpRequest.BodyPublishers.ofFile(file))
              .build();
    } catch (FileNotFoundException e) {
      throw CliException.usage(file + " cannot be read");
    }
    return send(request, "ingest of " + file.getFileName());
  }

  /** The video of vid-metadata named exactly {@code name}, if any. */
  public Optional<JsonNode> findByName(String metadataUrl, String name) {
    URI uri = URI.create(metadataUrl + "/api/videos?limit=100&q=" + encode(name));
    JsonNode page =
        send(HttpRequest.newBuilder(uri).timeout(CONNECT).GET().build(), "video lookup");
    for (JsonNode video : page.path("videos")) {
      if (name.equals(video.path("name").asText())) return Optional.of(video);
    }
    return Optional.empty();
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw CliException.runtime(
          what + " failed: " + request.uri().resolve("/") + " cannot be reached (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.runtime(what + " was interrupted");
    }
    String body = new String(response.body(), StandardCharsets.UTF_8).strip();
    if (response.statusCode() / 100 != 2) {
      throw CliException.runtime(what + " failed with HTTP " + response.statusCode() + ": " + body);
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw CliException.runtime(what + " answered something that is not JSON: " + body);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
