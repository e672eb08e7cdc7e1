package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * Title sizes from vid-metadata's {@code GET /api/videos/{id}} ({@code durationSeconds}, {@code
 * renditions[].bandwidth} in bit/s), remembered: a published video's ladder does not change (a
 * re-ingest is a new version, and sizes here are estimates anyway). A video the catalog does not
 * know, or without renditions, has no size and is left out of the plan.
 */
final class TitleSizes {
  private static final Logger log = LoggerFactory.getLogger(TitleSizes.class);

  private final JsonHttpClient http;
  private final String metadataUrl;
  private final int segmentSeconds;
  private final ConcurrentHashMap<String, TitleSize> known = new ConcurrentHashMap<>();

  TitleSizes(JsonHttpClient http, String metadataUrl, int segmentSeconds) {
    this.http = http;
    this.metadataUrl = metadataUrl;
    this.segmentSeconds = segmentSeconds;
  }

  Optional<TitleSize> of(String videoId) {
    TitleSize size = known.get(videoId);
    if (size != null) return Optional.of(size);
    try {
      size = parse(http.get(metadataUrl + "/api/videos/" + videoId, JsonNode.class));
    } catch (ApiException e) {
      if (e.status() != 404) throw e;
      log.warn("title {} is requested but unknown to the catalog; left out of the plan", videoId);
      return Optional.empty();
    }
    if (size != null) known.put(videoId, size);
    return Optional.ofNullable(size);
  }

  private TitleSize parse(JsonNode video) {
    double duration = video.path("durationSeconds").asDouble(0);
    long bandwidthSum = 0;
    int renditions = 0;
    for (JsonNode r : video.path("renditions")) {
      long bw = r.path("bandwidth").asLong(0);
      if (bw > 0) {
        bandwidthSum += bw;
        renditions++;
      }
    }
    if (duration <= 0 || renditions == 0) return null;
    int segments = (int) Math.ceil(duration / segmentSeconds);
    long meanSegmentBytes = Math.max(1, bandwidthSum / renditions * segmentSeconds / 8);
    return new TitleSize(segments, meanSegmentBytes, renditions);
  }
}
