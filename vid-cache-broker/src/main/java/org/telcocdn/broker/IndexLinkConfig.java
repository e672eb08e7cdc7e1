package org.telcocdn.broker;

import java.time.Duration;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.index.IndexPeer;

/**
 * How the broker uses the cache index (docs/cache-index.md). With no peers there is no index:
 * routing and invalidation work as they did before the index existed. Keys and defaults:
 * docs/configuration.md ("vid-cache-broker"), the one list.
 */
public record IndexLinkConfig(
    List<IndexPeer> peers,
    String member,
    Duration refresh,
    Duration maxStale,
    int maxTitles,
    Duration writeTimeout) {
  public IndexLinkConfig {
    peers = List.copyOf(peers);
    if (!peers.isEmpty() && peers.stream().noneMatch(p -> p.id().equals(member))) {
      throw new ConfigException(
          "broker.index.member must be one of broker.index.peers "
              + peers
              + ", was '"
              + member
              + "'");
    }
    if (maxStale.compareTo(refresh) < 0) {
      throw new ConfigException(
          "broker.index.max-stale ("
              + maxStale
              + ") must be at least broker.index.refresh ("
              + refresh
              + ")");
    }
  }

  public static IndexLinkConfig none() {
    return new IndexLinkConfig(
        List.of(),
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        100_000,
        Duration.ofMillis(1500));
  }

  public static IndexLinkConfig from(Settings s) {
    List<IndexPeer> peers = IndexPeer.parseList(s.string("broker.index.peers", ""));
    String firstId = peers.isEmpty() ? "" : peers.getFirst().id();
    String member = s.string("broker.index.member", firstId);
    return new IndexLinkConfig(
        peers,
        peers.isEmpty() ? null : member,
        s.duration("broker.index.refresh", Duration.ofSeconds(1)),
        s.duration("broker.index.max-stale", Duration.ofSeconds(10)),
        s.intValue("broker.index.max-titles", 100_000, 1, 10_000_000),
        s.duration("broker.index.write-timeout", Duration.ofMillis(1500)));
  }

  public boolean enabled() {
    return !peers.isEmpty();
  }
}
