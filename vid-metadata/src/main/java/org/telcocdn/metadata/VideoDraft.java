package org.telcocdn.metadata;

import java.util.List;

/** What a client may set on a video: everything except the timestamps and the links. */
public record VideoDraft(
    String id,
    String name,
    List<String> tags,
    String fileType,
    double durationSeconds,
    List<Rendition> renditions,
    boolean live) {

  public VideoDraft {
    tags = tags.stream().distinct().toList(); // a tag twice means the same as once
    renditions = List.copyOf(renditions);
  }

  public VideoDraft withId(String newId) {
    return new VideoDraft(newId, name, tags, fileType, durationSeconds, renditions, live);
  }
}
