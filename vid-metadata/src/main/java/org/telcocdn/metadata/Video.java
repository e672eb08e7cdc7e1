package org.telcocdn.metadata;

import java.time.Instant;
import java.util.List;

/**
 * A catalog entry as clients see it. {@code playUrl} and {@code posterUrl} point at the broker and
 * are computed on the way out ({@link PlayLinks}), never stored, so moving the broker needs no
 * migration; the repository returns them as null. {@code live}: a live channel of the origin
 * (docs/live.md), played from its live edge rather than from the start.
 */
public record Video(
    String id,
    String name,
    List<String> tags,
    String fileType,
    double durationSeconds,
    List<Rendition> renditions,
    boolean live,
    Instant createdAt,
    Instant updatedAt,
    String playUrl,
    String posterUrl) {

  public Video {
    tags = List.copyOf(tags);
    renditions = List.copyOf(renditions);
  }

  public Video withLinks(String playUrl, String posterUrl) {
    return new Video(
        id,
        name,
        tags,
        fileType,
        durationSeconds,
        renditions,
        live,
        createdAt,
        updatedAt,
        playUrl,
        posterUrl);
  }
}
