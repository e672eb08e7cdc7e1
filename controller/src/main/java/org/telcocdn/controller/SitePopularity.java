package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.JsonHttpClient;
import org.telcocdn.common.video.VideoId;

/**
 * Segment requests per title in one site over the last window, from the analytics service's {@code
 * GET /api/top?site=S&window=W&k=K} ({@code titles: [{key, count, error}]}, Space-Saving counts, so
 * a count may overestimate by at most its error: the lower bound count - error is used). Keys that
 * are not video ids are dropped.
 */
final class SitePopularity {
  private final JsonHttpClient http;
  private final String analyticsUrl;
  private final Duration window;
  private final int k;

  SitePopularity(JsonHttpClient http, String analyticsUrl, Duration window, int k) {
    this.http = http;
    this.analyticsUrl = analyticsUrl;
    this.window = window;
    this.k = k;
  }

  Map<String, Long> requests(String site) {
    String url =
        analyticsUrl
            + "/api/top?site="
            + URLEncoder.encode(site, StandardCharsets.UTF_8)
            + "&window="
            + window.toSeconds()
            + "s&k="
            + k;
    Map<String, Long> out = new LinkedHashMap<>();
    for (JsonNode t : http.get(url, JsonNode.class).path("titles")) {
      long count = t.path("count").asLong(0) - t.path("error").asLong(0);
      String key = t.path("key").asText("");
      if (count > 0 && VideoId.isValid(key))
        out.put(key, count); // an edge refuses the whole push over one bad id
    }
    return out;
  }
}
