package org.telcocdn.metadata.store;

import java.util.List;

/**
 * A catalog search: {@code nameContains} matches case-insensitively (null or empty matches all),
 * and a video matches only if it carries every one of {@code tags}. Results are newest first.
 */
public record VideoQuery(String nameContains, List<String> tags, int limit, int offset) {
  public VideoQuery {
    tags = tags.stream().distinct().toList();
    if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    if (offset < 0)
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
  }

  public static VideoQuery all() {
    return new VideoQuery(null, List.of(), 100, 0);
  }
}
