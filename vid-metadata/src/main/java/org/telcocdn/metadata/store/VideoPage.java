package org.telcocdn.metadata.store;

import java.util.List;
import org.telcocdn.metadata.Video;

/** One page of search results and how many videos match in all: the body of GET /api/videos. */
public record VideoPage(List<Video> videos, long total) {
  public VideoPage {
    videos = List.copyOf(videos);
  }
}
