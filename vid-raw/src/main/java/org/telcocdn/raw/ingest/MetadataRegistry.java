package org.telcocdn.raw.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.telcocdn.common.http.ApiException;
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

  /**
   * Whether vid-metadata lists the video (200) or not (404), asked on its control listener. Any
   * other answer is a 503 {@code ApiException}: only a refused registration may lead to removing a
   * video, never a lookup that failed (a 401 or 403 from wrong credentials must not delete what it
   * could not read).
   */
  public boolean isRegistered(String id) {
    try {
      http.get(baseUrl + "/api/videos/" + id, JsonNode.class);
      return true;
    } catch (ApiException e) {
      if (e.status() == 404) return false;
      throw new ApiException(
          503,
          "lookup_failed",
          "vid-metadata could not say whether video "
              + id
              + " is registered: "
              + e.status()
              + " "
              + e.getMessage());
    }
  }

  /**
   * Registers the video; the answer is vid-metadata's video JSON. Failures are {@code
   * ApiException}s.
   */
  public JsonNode register(VideoRegistration video) {
    return http.post(baseUrl + "/api/videos", video, JsonNode.class);
  }

  /** Registers any catalog body, e.g. a live channel's; the answer is vid-metadata's video JSON. */
  public JsonNode registerEntry(Object entry) {
    return http.post(baseUrl + "/api/videos", entry, JsonNode.class);
  }

  /** Removes an entry (a stopped live channel's); a 404 means it was gone already. */
  public void remove(String id) {
    try {
      http.delete(baseUrl + "/api/videos/" + id);
    } catch (ApiException e) {
      if (e.status() != 404) throw e;
    }
  }
}
