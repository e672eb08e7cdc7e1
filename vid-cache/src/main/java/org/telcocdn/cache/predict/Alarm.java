package org.telcocdn.cache.predict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alarm the edge raised: the model's probability that a crowd for {@code videoId} starts within
 * its horizon crossed the threshold at {@code raisedAt} (Unix seconds). {@code paths} are the
 * title's first objects the site's sessions start on ({@code PrefetchPlan} over the edge's {@code
 * AudienceMix}), for {@code expectedSessions} new sessions; the controller prepositions them.
 */
record Alarm(
    String videoId,
    long raisedAt,
    double probability,
    double threshold,
    double expectedSessions,
    List<String> paths) {

  Alarm {
    paths = List.copyOf(paths);
  }

  String reason() {
    return "spike probability %.3f >= threshold %.3f".formatted(probability, threshold);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("videoId", videoId);
    m.put("raisedAt", raisedAt);
    m.put("probability", probability);
    m.put("expectedSessions", Math.round(expectedSessions));
    m.put("reason", reason());
    m.put("paths", paths);
    return m;
  }
}
