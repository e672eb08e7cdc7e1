package org.telcocdn.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/**
 * The body of {@code POST /api/invalidations}, and what is forwarded to every edge's {@code
 * /internal/invalidate}: {@code version} is the title's new version in the cache index, set by the
 * broker once the invalidation is committed there, and left out when there is no index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Invalidation(String videoId, String reason, Long version) {
  private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,32}");

  public Invalidation(String videoId, String reason) {
    this(videoId, reason, null);
  }

  /**
   * Checked; a missing reason becomes {@code unspecified} since edges do not need one. A version in
   * the request is dropped: only the index assigns versions.
   */
  public Invalidation validated() {
    String id = VideoId.require("videoId", videoId);
    if (reason == null) return new Invalidation(id, "unspecified");
    if (!REASON.matcher(reason).matches()) {
      throw ApiException.badRequest(
          "field reason must match " + REASON.pattern() + ", was '" + reason + "'");
    }
    return new Invalidation(id, reason);
  }

  public Invalidation withVersion(long newVersion) {
    return new Invalidation(videoId, reason, newVersion);
  }
}
