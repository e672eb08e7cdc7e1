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
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.telcocdn.common.http.BoundedBody;
import org.telcocdn.common.json.Json;

/**
 * Uploads a video to vid-raw, starts, lists and stops its live channels, and looks videos up in
 * vid-metadata. The upload streams the file from disk (a video may be gigabytes) and waits long,
 * because vid-raw answers only once the video is transcoded into every rendition. vid-raw's ingest
 * is on its control listener: the upload trusts the internal CA and sends the operator's token;
 * catalog lookups are on metadata's public viewer listener.
 */
public final class IngestClient {
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration INGEST = Duration.ofMinutes(30);
  private final HttpClient http;
  private final Supplier<String> token;

  /** {@code tls}: trusts the internal CA; {@code token}: the operator's bearer token. */
  public IngestClient(SSLContext tls, Supplier<String> token) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT)
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(tls)
            .build();
    this.token = token;
  }

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
              .header("Authorization", "Bearer " + token.get())
              .POST(HttpRequest.BodyPublishers.ofFile(file))
              .build();
    } catch (FileNotFoundException e) {
      throw CliException.usage(file + " cannot be read");
    }
    return send(request, "ingest of " + file.getFileName());
  }

  /**
   * Starts a live channel (docs/live.md): the test source, or {@code source} looped (uploaded, as
   * an ingest is). Returns vid-raw's channel JSON once the channel plays.
   */
  public JsonNode startLive(String originUrl, String name, Path source) {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (source != null) {
      if (!Files.isRegularFile(source)) throw CliException.usage(source + " is not a file");
      try {
        body = HttpRequest.BodyPublishers.ofFile(source);
      } catch (FileNotFoundException e) {
        throw CliException.usage(source + " cannot be read");
      }
    }
    return send(
        operator(originUrl + "/api/live/channels?name=" + encode(name), INGEST)
            .header("Content-Type", "application/octet-stream")
            .POST(body)
            .build(),
        "live start");
  }

  public JsonNode listLive(String originUrl) {
    return send(
        operator(originUrl + "/api/live/channels", CONNECT.multipliedBy(6)).GET().build(),
        "live list");
  }

  /** Stops a channel; the answer names the title its DVR window became ({@code recording}). */
  public JsonNode stopLive(String originUrl, String id) {
    return send(
        operator(originUrl + "/api/live/channels/" + encode(id), CONNECT.multipliedBy(6))
            .DELETE()
            .build(),
        "live stop");
  }

  private HttpRequest.Builder operator(String uri, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.get());
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
      response = http.send(request, BoundedBody.upTo(BoundedBody.DEFAULT_MAX_BYTES));
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
    if (body.isEmpty()) return Json.MAPPER.createObjectNode(); // 204
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
