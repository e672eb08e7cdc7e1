package org.telcocdn.controller;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.json.Json;
import org.telcocdn.common.video.VideoId;

/**
 * The batch job's long-term popularity ({@code summary.json}, {@code topPerSite: {site: [{id,
 * requests, bytes}]}}, docs/analytics.md), used once per site as the prior of a cold start: a
 * restarted controller would otherwise plan from one 5-minute window. Scaled to the live window's
 * total so that the two weigh alike. A missing or unreadable file is no prior, with a warning.
 */
final class BatchPrior {
  private static final Logger log = LoggerFactory.getLogger(BatchPrior.class);

  private final Path summary;

  BatchPrior(Path summary) {
    this.summary = summary;
  }

  /**
   * The site's long-term requests per title, scaled so that they sum to {@code liveTotal} (if
   * positive).
   */
  Map<String, Long> requests(String site, long liveTotal) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (summary == null) return out;
    JsonNode titles;
    try {
      titles = Json.MAPPER.readTree(Files.readAllBytes(summary)).path("topPerSite").path(site);
    } catch (IOException e) {
      log.warn(
          "batch summary {} cannot be read, no prior for site {}: {}", summary, site, e.toString());
      return out;
    }
    long total = 0;
    for (JsonNode t : titles) total += Math.max(0, t.path("requests").asLong(0));
    double scale = liveTotal > 0 && total > 0 ? liveTotal / (double) total : 1;
    for (JsonNode t : titles) {
      long scaled = Math.round(Math.max(0, t.path("requests").asLong(0)) * scale);
      String id = t.path("id").asText("");
      if (scaled > 0 && VideoId.isValid(id)) out.put(id, scaled);
    }
    return out;
  }
}
