package org.telcocdn.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Sizes;

/**
 * Site-to-site latencies, configured (an operator's measurements between points of presence), and
 * the neighbour order they give: for a client in site A, the other sites nearest first. Sites with
 * no configured latency to A come after those that have one, in the "any" tier.
 */
public final class SiteNeighbours {
  private final Map<String, Map<String, Long>> latencyMillis;

  private SiteNeighbours(Map<String, Map<String, Long>> latencyMillis) {
    this.latencyMillis = latencyMillis;
  }

  /** From {@code site-a/site-b=4ms,site-a/site-c=20ms}; each pair counts both ways. */
  public static SiteNeighbours parse(String text) {
    Map<String, Map<String, Long>> latencies = new HashMap<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) continue;
      String[] kv = entry.split("=", 2);
      String[] pair = kv[0].split("/", 2);
      if (kv.length != 2 || pair.length != 2) {
        throw new ConfigException(
            "broker.site-latencies entry must be site-a/site-b=4ms, was '" + entry + "'");
      }
      long millis = Sizes.parseDuration("broker.site-latencies", kv[1].trim()).toMillis();
      String a = pair[0].trim();
      String b = pair[1].trim();
      latencies.computeIfAbsent(a, k -> new HashMap<>()).put(b, millis);
      latencies.computeIfAbsent(b, k -> new HashMap<>()).put(a, millis);
    }
    return new SiteNeighbours(latencies);
  }

  /** The sites with a known latency from {@code site}, nearest first (ties by name). */
  public List<String> neighboursOf(String site) {
    Map<String, Long> row = latencyMillis.getOrDefault(site, Map.of());
    List<String> sites = new ArrayList<>(row.keySet());
    sites.sort(
        (x, y) ->
            row.get(x).equals(row.get(y)) ? x.compareTo(y) : Long.compare(row.get(x), row.get(y)));
    return sites;
  }
}
