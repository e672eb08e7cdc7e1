package org.telcocdn.cache.storage;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects of one title on this edge's disk: their paths and the oldest version among them (a
 * title is held at the version all its copies have reached).
 */
public record TitleCopies(String videoId, long version, SortedSet<String> paths) {

  /** One committed object, as the disk tier lists it. */
  record Copy(CacheKey key, long version) {}

  /**
   * Groups committed objects by title in one pass (a sorted set per title, filled in place): a long
   * title holds thousands of segments, and this runs every report tick and every digest.
   */
  static Map<String, TitleCopies> group(Iterable<Copy> copies) {
    Map<String, TitleCopies> titles = new TreeMap<>();
    for (Copy c : copies) {
      TitleCopies title = titles.get(c.key().videoId());
      if (title == null || c.version() < title.version()) {
        SortedSet<String> paths = title == null ? new TreeSet<>() : title.paths();
        title = new TitleCopies(c.key().videoId(), c.version(), paths);
        titles.put(title.videoId(), title);
      }
      title.paths().add(c.key().path());
    }
    return titles;
  }
}
