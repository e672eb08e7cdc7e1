package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * vid-metadata as the origin sees it: the catalogue a new video is registered in, on its control
 * listener ({@code baseUrl}), called with vid-raw's certificate ({@code http}).
 */
public final class MetadataRegistry {
  private final JsonHttpClient http;
  private final String baseUrl;

  public MetadataRegistry(String baseUrl, JsonHttpClient http) {
    this.baseUrl = baseUrl;
    this.http = http;
  }

  /** Registers the video; the answer is vid-metadata's video JSON. Failures are {@code ApiException}s. */
  public JsonNode register(VideoRegistration video) {
    return http.post(baseUrl + "/api/videos", video, JsonNode.class);
  }
}
