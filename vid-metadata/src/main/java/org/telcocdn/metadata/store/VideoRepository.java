package org.telcocdn.metadata.store;

import java.util.Optional;
import org.telcocdn.metadata.Video;
import org.telcocdn.metadata.VideoDraft;

/**
 * The catalog's storage. Every write is one transaction: it happens completely or not at all.
 * Videos come back without links ({@code playUrl}/{@code posterUrl} are null).
 */
public interface VideoRepository {
  /** Stores a new video; the draft's id must be set. */
  Video create(VideoDraft draft) throws DuplicateVideoException;

  Optional<Video> find(String id);

  /** Replaces the name, tags, file type, duration and renditions and bumps {@code updatedAt}. */
  Optional<Video> update(String id, VideoDraft draft);

  /** Whether a video was there to delete. */
  boolean delete(String id);

  VideoPage search(VideoQuery query);

  /** Whether the database answers a trivial query, for /health. */
  boolean reachable();
}
