package org.telcocdn.broker;

import java.util.regex.Pattern;
import org.telcocdn.common.http.ApiException;
import org.telcocdn.common.video.VideoId;

/** The body of {@code POST /api/invalidations}, forwarded as is to every edge. */
public record Invalidation(String videoId, String reason) {
  private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,32}");

  /** Checked; a missing reason becomes {@code unspecified} since edges do not need one. */
  public Invalidation validated() {
    String id = VideoId.require("videoId", videoId);
    if (reason == null) return new Invalidation(id, "unspecified");
    if (!REASON.matcher(reason).matches()) {
      throw ApiException.badRequest("field reason must match " + REASON.pattern() + ", was '" + reason + "'");
    }
    return new Invalidation(id, reason);
  }
}
