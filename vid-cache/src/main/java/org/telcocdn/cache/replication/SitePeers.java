package org.telcocdn.cache.replication;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.http.JsonHttpClient;

/**
 * The other UP edges of this edge's site: read from the broker's {@code GET /api/edges} every
 * refresh, or fixed by {@code edge.site-peers} ({@code name=url,...}, for benchmarks and tests
 * without a broker). A failed refresh keeps the last list: peers that went away are found out by
 * the calls to them failing, which fall back to the origin.
 */
public final class SitePeers {
  private static final Logger log = LoggerFactory.getLogger(SitePeers.class);

  private final String self;
  private final String site;
  private final String brokerUrl;
  private final JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(2));
  private final boolean fixed;
  private volatile List<Peer> up;

  /** {@code fixedPeers}: {@code edge.site-peers}, empty to ask the broker at {@code brokerUrl}. */
  public SitePeers(String self, String site, String brokerUrl, String fixedPeers) {
    this.self = self;
    this.site = site;
    this.brokerUrl = brokerUrl;
    this.fixed = !fixedPeers.isBlank();
    this.up = parse(fixedPeers, self);
  }

  /** This edge's own name. */
  String self() {
    return self;
  }

  List<Peer> up() {
    return up;
  }

  List<String> names() {
    return up.stream().map(Peer::name).toList();
  }

  Optional<Peer> named(String name) {
    return up.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** One refresh from the broker; called on the replication scheduler. */
  void refresh() {
    if (fixed || brokerUrl.isBlank()) return;
    try {
      JsonNode edges =
          http.get(brokerUrl.replaceAll("/$", "") + "/api/edges", JsonNode.class).path("edges");
      List<Peer> peers = new ArrayList<>();
      for (JsonNode e : edges) {
        if (site.equals(e.path("site").asText())
            && "UP".equals(e.path("state").asText())
            && !self.equals(e.path("name").asText())) {
          peers.add(new Peer(e.path("name").asText(), e.path("url").asText()));
        }
      }
      up = List.copyOf(peers);
    } catch (RuntimeException e) {
      log.debug("cannot refresh site peers from {}: {}", brokerUrl, e.toString());
    }
  }

  static List<Peer> parse(String spec, String self) {
    List<Peer> peers = new ArrayList<>();
    for (String entry : spec.split(",")) {
      int eq = entry.indexOf('=');
      if (entry.isBlank()) continue;
      if (eq <= 0)
        throw new ConfigException("edge.site-peers must be name=url,..., was '" + spec + "'");
      String name = entry.substring(0, eq).trim();
      if (!name.equals(self)) peers.add(new Peer(name, entry.substring(eq + 1).trim()));
    }
    return List.copyOf(peers);
  }
}
