package org.telcocdn.cache.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which site peers hold extra copies of a title: rendezvous (highest random weight) hashing of the
 * title over the edges' names, so every edge computes the same set from the same list, and an edge
 * joining or leaving moves only the titles it wins or held.
 */
final class Replicas {
  private Replicas() {}

  /**
   * The {@code factor - 1} edges of {@code site} (names, the holder's own included or not) that
   * should copy {@code videoId} from {@code holder}: the holder counts as the first copy.
   */
  static List<String> of(String videoId, String holder, Collection<String> site, int factor) {
    return site.stream()
        .filter(name -> !name.equals(holder))
        .distinct()
        .sorted(
            Comparator.comparingLong((String name) -> weight(videoId, name))
                .reversed()
                .thenComparing(name -> name))
        .limit(Math.max(0, factor - 1))
        .toList();
  }

  /**
   * As {@link #of}, but the edges the index assigns the title to come first (those of the site, by
   * weight), and rendezvous fills the rest: the controller's placement wins where it exists.
   */
  static List<String> of(
      String videoId,
      String holder,
      Collection<String> site,
      int factor,
      Collection<String> assigned) {
    List<String> ranked = of(videoId, holder, site, site.size() + 1);
    List<String> chosen = new ArrayList<>(ranked.stream().filter(assigned::contains).toList());
    ranked.stream().filter(name -> !chosen.contains(name)).forEach(chosen::add);
    return List.copyOf(chosen.subList(0, Math.min(chosen.size(), Math.max(0, factor - 1))));
  }

  /** FNV-1a over title and name, then the splitmix64 finaliser so close names spread. */
  static long weight(String videoId, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (videoId + "\u0000" + name).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
