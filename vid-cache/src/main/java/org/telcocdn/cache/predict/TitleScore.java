package org.telcocdn.cache.predict;

import java.util.LinkedHashMap;
import java.util.Map;

/** One title's prediction at the last tick, for {@code GET /internal/predictions}. */
record TitleScore(
    String videoId,
    double probability,
    double expectedRequests,
    double startsPerMinute,
    double requestsPerMinute) {

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("videoId", videoId);
    m.put("probability", probability);
    m.put("expectedRequests", Math.round(expectedRequests));
    m.put("startsPerMinute", startsPerMinute);
    m.put("requestsPerMinute", requestsPerMinute);
    return m;
  }
}
