package org.telcocdn.cache.preposition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/**
 * The body of {@code POST /internal/preposition}: {@code {"job", "videoId", "paths", "from",
 * "rate", "priority", "deadline"}} (docs/continuum.md), checked.
 */
public record PrepositionRequest(
    String job,
    String videoId,
    List<String> paths,
    String from,
    long rate,
    int priority,
    long deadline) {
  private static final Pattern JOB = Pattern.compile("[a-z0-9][a-z0-9.-]{0,159}");
  private static final int MAX_PATHS = 10_000;

  static PrepositionRequest parse(JsonNode body) {
    if (!body.isObject()) throw ApiException.badRequest("body must be a JSON object");
    String job = body.path("job").asText("");
    if (!JOB.matcher(job).matches())
      throw ApiException.badRequest("job must match " + JOB.pattern());
    String videoId = VideoId.require("videoId", body.path("videoId").asText(""));
    List<String> paths = new ArrayList<>();
    JsonNode p = body.path("paths");
    if (!p.isMissingNode() && !p.isNull()) {
      if (!p.isArray() || p.size() > MAX_PATHS)
        throw ApiException.badRequest(
            "paths must be an array of at most " + MAX_PATHS + " object paths");
      for (JsonNode v : p) {
        String path = v.asText("");
        if (!v.isTextual() || path.isBlank() || path.contains("..") || path.startsWith("/"))
          throw ApiException.badRequest("paths: '" + path + "' is not an object path of the title");
        paths.add(path);
      }
    }
    String from = body.path("from").isTextual() ? body.path("from").asText() : null;
    long rate = body.path("rate").asLong(0);
    long deadline = body.path("deadline").asLong(0);
    int priority = body.path("priority").asInt(0);
    if (rate < 0 || deadline < 0 || Math.abs(priority) > 100)
      throw ApiException.badRequest("rate and deadline must be >= 0, priority from -100 to 100");
    return new PrepositionRequest(job, videoId, paths, from, rate, priority, deadline);
  }
}
