package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.telcocdn.common.http.JsonHttpClient;

/** vid-metadata as the origin sees it: the catalogue a new video is registered in. */
public final class MetadataRegistry {
  private final JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(10));
  private final String baseUrl;

  public MetadataRegistry(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Registers the video; the answer is vid-metadata's video JSON. Failures are {@code
   * ApiException}s.
   */
  public JsonNode register(VideoRegistration video) {
    return http.post(baseUrl + "/api/videos", video, JsonNode.class);
  }
}
