package org.telcocdn.broker;

import java.time.Duration;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;
import org.telcocdn.index.IndexPeer;

/**
 * How the broker uses the cache index (docs/cache-index.md). With no peers there is no index: routing
 * and invalidation work as they did before the index existed.
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>broker.index.peers</td><td>(none)</td><td>Raft peers {@code n1=127.0.0.1:9861,...}; empty = no index</td></tr>
 *   <tr><td>broker.index.member</td><td>the first peer</td><td>the member holder reads go to (bounded staleness)</td></tr>
 *   <tr><td>broker.index.refresh</td><td>1s</td><td>age after which a title's cached holders are refreshed in the background</td></tr>
 *   <tr><td>broker.index.max-stale</td><td>10s</td><td>age after which cached holders are no longer used for routing</td></tr>
 *   <tr><td>broker.index.max-titles</td><td>100000</td><td>titles whose holders the broker keeps in memory</td></tr>
 *   <tr><td>broker.index.write-timeout</td><td>1500ms</td><td>how long an invalidation waits for its commit before a 503</td></tr>
 * </table>
 */
public record IndexLinkConfig(List<IndexPeer> peers, String member, Duration refresh, Duration maxStale, int maxTitles,
                              Duration writeTimeout) {
  public IndexLinkConfig {
    peers = List.copyOf(peers);
    if (!peers.isEmpty() && peers.stream().noneMatch(p -> p.id().equals(member))) {
      throw new ConfigException("broker.index.member must be one of broker.index.peers " + peers + ", was '" + member + "'");
    }
    if (maxStale.compareTo(refresh) < 0) {
      throw new ConfigException("broker.index.max-stale (" + maxStale + ") must be at least broker.index.refresh (" + refresh + ")");
    }
  }

  public static IndexLinkConfig none() {
    return new IndexLinkConfig(List.of(), null, Duration.ofSeconds(1), Duration.ofSeconds(10), 100_000, Duration.ofMillis(1500));
  }

  public static IndexLinkConfig from(Settings s) {
    List<IndexPeer> peers = IndexPeer.parseList(s.string("broker.index.peers", ""));
    String firstId = peers.isEmpty() ? "" : peers.getFirst().id();
    String member = s.string("broker.index.member", firstId);
    return new IndexLinkConfig(peers, peers.isEmpty() ? null : member,
        s.duration("broker.index.refresh", Duration.ofSeconds(1)),
        s.duration("broker.index.max-stale", Duration.ofSeconds(10)),
        s.intValue("broker.index.max-titles", 100_000, 1, 10_000_000),
        s.duration("broker.index.write-timeout", Duration.ofMillis(1500)));
  }

  public boolean enabled() {
    return !peers.isEmpty();
  }
}
