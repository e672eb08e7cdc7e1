package org.telcocdn.cache.replication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.telcocdn.cache.storage.TitleCopies;

/**
 * What an edge holds, summarised per title for anti-entropy ({@code GET /internal/digest}): the
 * version it knows, a hash over the version and the sorted object paths it has, and, for the titles
 * it finds hot, the paths themselves, so a replica can pull what it lacks without another round
 * trip.
 */
record Digest(String edge, Map<String, Title> titles) {

  record Title(long version, String hash, int objects, boolean hot, List<String> paths) {}

  static Digest of(
      String edge, Map<String, TitleCopies> held, Map<String, Long> known, Predicate<String> hot) {
    Map<String, Title> titles = new TreeMap<>();
    held.forEach(
        (videoId, copies) -> {
          boolean isHot = hot.test(videoId);
          long version = Math.max(copies.version(), known.getOrDefault(videoId, 0L));
          titles.put(
              videoId,
              new Title(
                  version,
                  hash(copies.version(), copies.paths()),
                  copies.paths().size(),
                  isHot,
                  isHot ? List.copyOf(copies.paths()) : List.of()));
        });
    // versions learned of titles held nowhere here still travel, so an invalidation spreads by
    // gossip
    known.forEach(
        (videoId, version) ->
            titles.putIfAbsent(
                videoId, new Title(version, hash(version, List.of()), 0, false, List.of())));
    return new Digest(edge, titles);
  }

  /**
   * The paths of a hot remote title this edge lacks: none unless the remote copy is of the version
   * this edge knows (an older one is stale, a newer one will be learned first), and all of them
   * when the local copies are of an older version.
   */
  static List<String> missing(TitleCopies local, Title remote, long knownVersion) {
    if (!remote.hot() || remote.version() < knownVersion || remote.paths().isEmpty())
      return List.of();
    if (local != null
        && local.version() >= remote.version()
        && hash(local.version(), local.paths()).equals(remote.hash())) return List.of();
    List<String> missing = new ArrayList<>();
    for (String path : remote.paths()) {
      if (local == null || local.version() < remote.version() || !local.paths().contains(path))
        missing.add(path);
    }
    return missing;
  }

  static String hash(long version, Iterable<String> sortedPaths) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Long.toString(version).getBytes(StandardCharsets.UTF_8));
      for (String path : sortedPaths) {
        sha.update((byte) '\n');
        sha.update(path.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
