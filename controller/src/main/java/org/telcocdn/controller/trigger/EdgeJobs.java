package org.telcocdn.controller.trigger;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * Preposition jobs on the edges' control listeners, with the controller's certificate: {@code POST
 * /internal/preposition}, {@code GET} and {@code DELETE /internal/preposition/{job}}. Failures are
 * {@code ApiException}s carrying the edge's status and error.
 */
public class EdgeJobs {
  private final JsonHttpClient http;

  public EdgeJobs(JsonHttpClient http) {
    this.http = http;
  }

  /**
   * @param rate bytes per second for this job at most (0: the edge's own cap)
   * @param deadline Unix seconds the job stops at (the window's end; 0: none)
   */
  public EdgeJob push(String triggerId, Unit unit, long rate, int priority, long deadline) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("job", unit.job(triggerId));
    body.put("videoId", unit.videoId());
    body.put("paths", unit.paths());
    if (unit.from() != null) body.put("from", unit.from());
    body.put("rate", rate);
    body.put("priority", priority);
    body.put("deadline", deadline);
    return http.post(unit.edgeUrl() + "/internal/preposition", body, EdgeJob.class);
  }

  public EdgeJob status(String triggerId, Unit unit) {
    return http.get(unit.edgeUrl() + "/internal/preposition/" + unit.job(triggerId), EdgeJob.class);
  }

  public void cancel(String triggerId, Unit unit) {
    http.delete(unit.edgeUrl() + "/internal/preposition/" + unit.job(triggerId));
  }
}
