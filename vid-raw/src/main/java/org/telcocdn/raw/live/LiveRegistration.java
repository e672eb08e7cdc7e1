package org.telcocdn.raw.live;

import java.util.List;
import org.telcocdn.raw.media.Rendition;

/** The catalog entry of a live channel: {@code POST /api/videos} on vid-metadata, {@code live}. */
public record LiveRegistration(
    String id,
    String name,
    List<String> tags,
    String fileType,
    double durationSeconds,
    List<Rendition> renditions,
    boolean live) {
  public static LiveRegistration of(LiveChannel channel) {
    List<Rendition> renditions =
        channel.rungs().stream()
            .map(
                r ->
                    new Rendition(
                        r.name(),
                        r.width(),
                        r.height(),
                        (r.videoKbps() + 96) * 1100L,
                        channel.codecs(r.name())))
            .toList();
    return new LiveRegistration(
        channel.id(), channel.name(), List.of("live"), "cmaf", 0, renditions, true);
  }
}
