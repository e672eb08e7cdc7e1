package org.telcocdn.cache;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The objects of one title on this edge's disk: their paths and the oldest version among them (a
 * title is held at the version all its copies have reached).
 */
public record TitleCopies(String videoId, long version, SortedSet<String> paths) {

  static TitleCopies of(String videoId, long version, String path) {
    SortedSet<String> paths = new TreeSet<>();
    paths.add(path);
    return new TitleCopies(videoId, version, paths);
  }

  TitleCopies merge(TitleCopies other) {
    SortedSet<String> all = new TreeSet<>(paths);
    all.addAll(other.paths);
    return new TitleCopies(videoId, Math.min(version, other.version), all);
  }
}
