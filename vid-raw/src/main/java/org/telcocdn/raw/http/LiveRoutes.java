package org.telcocdn.raw.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.Access;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.HttpServer;
import org.telcocdn.common.http.Request;
import org.telcocdn.common.http.Response;
import org.telcocdn.raw.ingest.Ingest;
import org.telcocdn.raw.ingest.MetadataRegistry;
import org.telcocdn.raw.live.DvrRecording;
import org.telcocdn.raw.live.LiveChannel;
import org.telcocdn.raw.live.LiveChannels;
import org.telcocdn.raw.live.LiveRegistration;
import org.telcocdn.raw.media.MediaInfo;
import org.telcocdn.raw.media.MediaToolException;
import org.telcocdn.raw.media.NotAVideoException;
import org.telcocdn.raw.media.Probe;
import org.telcocdn.security.OperatorRole;

/**
 * The origin's live API (docs/contracts.md), on its control listener: start a channel (operators;
 * the body, when there is one, is the file to loop, streamed to disk and probed like an upload),
 * list them (readonly), stop one (operators). A started channel is registered in the catalog with
 * {@code live: true} and answered with the catalog's {@code playUrl}; a stopped one is removed from
 * it, and what its DVR window held becomes a title of its own ({@link DvrRecording}, registered
 * with {@code live: false}), named in the stop's answer.
 */
public final class LiveRoutes {
  private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);
  private static final int MAX_NAME_LENGTH = 200;

  private final LiveChannels channels;
  private final Probe probe;
  private final MetadataRegistry catalog;
  private final Ingest ingest;
  private final Map<String, String> playUrls = new java.util.concurrent.ConcurrentHashMap<>();

  public LiveRoutes(LiveChannels channels, Probe probe, MetadataRegistry catalog, Ingest ingest) {
    this.ingest = ingest;
    this.channels = channels;
    this.probe = probe;
    this.catalog = catalog;
  }

  public HttpServer.Builder register(HttpServer.Builder builder) {
    return builder
        .upload("POST", "/api/live/channels", Access.control(OperatorRole.OPERATOR), this::start)
        .get("/api/live/channels", Access.control(OperatorRole.READONLY), this::list)
        .delete("/api/live/channels/{id}", Access.control(OperatorRole.OPERATOR), this::stop);
  }

  private Response start(Request request) throws IOException {
    String name =
        request
            .queryParam("name")
            .map(String::strip)
            .filter(n -> !n.isEmpty())
            .orElseThrow(() -> ApiException.badRequest("query parameter 'name' is required"));
    if (name.length() > MAX_NAME_LENGTH)
      throw ApiException.badRequest("name is longer than " + MAX_NAME_LENGTH + " characters");
    Path source = request.bodyFile();
    MediaInfo info = null;
    if (source != null && Files.size(source) > 0) info = probe(source);
    else source = null;
    LiveChannel channel;
    try {
      channel = channels.start(name, source, info);
    } catch (LiveChannels.Full e) {
      throw new ApiException(503, "live_busy", e.getMessage());
    } catch (LiveChannels.EncoderFailed e) {
      throw new ApiException(502, "encoder_failed", e.getMessage());
    }
    String playUrl;
    try {
      JsonNode entry = catalog.registerEntry(LiveRegistration.of(channel));
      playUrl = entry.path("playUrl").asText(null);
    } catch (ApiException e) {
      channels.stop(channel.id()); // never a channel the catalog does not name
      throw new ApiException(
          502, "catalog_failed", "vid-metadata refused the channel: " + e.getMessage());
    }
    if (playUrl != null) playUrls.put(channel.id(), playUrl);
    return Response.json(201, body(channel));
  }

  private MediaInfo probe(Path source) {
    try {
      return probe.probe(source);
    } catch (NotAVideoException | MediaToolException e) {
      throw new ApiException(422, "not_a_video", e.getMessage());
    }
  }

  private Response list(Request request) {
    List<Map<String, Object>> list = channels.all().stream().map(this::body).toList();
    return Response.json(200, Map.of("channels", list));
  }

  private Response stop(Request request) {
    String id = request.param("id");
    LiveChannel channel =
        channels.end(id).orElseThrow(() -> ApiException.notFound("no live channel " + id));
    playUrls.remove(id);
    try {
      catalog.remove(id);
    } catch (ApiException e) {
      log.warn("live {} stopped, but its catalog entry stays: {}", id, e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    record(channel, body);
    return Response.json(200, body);
  }

  /**
   * The DVR window as a title: {@code recording} in the answer, or {@code recordingError} when
   * there was nothing to record or it could not be stored; the channel is stopped either way.
   */
  private void record(LiveChannel channel, Map<String, Object> body) {
    try {
      JsonNode video = ingest.publish((vid, dir) -> DvrRecording.write(channel, vid, dir));
      Map<String, Object> recording = new LinkedHashMap<>();
      recording.put("id", video.path("id").asText());
      recording.put("name", video.path("name").asText());
      recording.put("durationSeconds", video.path("durationSeconds").asDouble());
      recording.put("playUrl", video.path("playUrl").asText(null));
      body.put("recording", recording);
      log.info("live {} recorded as title {}", channel.id(), recording.get("id"));
    } catch (DvrRecording.Empty | ApiException e) {
      log.warn("live {} stopped without a recording: {}", channel.id(), e.getMessage());
      body.put("recording", null);
      body.put("recordingError", e.getMessage());
    }
  }

  private Map<String, Object> body(LiveChannel channel) {
    LiveChannel.Info info = channel.info();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", info.id());
    body.put("name", info.name());
    body.put("playUrl", playUrls.get(info.id()));
    body.put("source", info.source());
    body.put("startedAt", info.startedAt().toString());
    body.put("renditions", info.renditions());
    body.put("lastMsn", info.lastMsn());
    body.put("restarts", info.restarts());
    return body;
  }
}
