package org.telcocdn.cache.tier;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.telcocdn.common.config.ConfigException;
import org.telcocdn.common.config.Settings;

/**
 * A vid-cache's place in the tiers (docs/configuration.md, "vid-cache"): its role and, for an edge,
 * the caches of its primary and secondary parent sites, with how quickly a failing parent is given
 * up. No parents: misses go straight to the origin, as before tiers.
 *
 * @param connectTimeout a parent not connected within this is skipped (a few round trips away)
 * @param headTimeout a parent whose response head has not come within this is skipped; it covers
 *     the parent's own fill from the origin up to the first byte
 * @param retryAfter how long a parent that refused or timed out is skipped without a try (its
 *     circuit is open); then one fill tries it again
 * @param askNextAfter a parent whose head has not come within this while another parent is next in
 *     order: that one is asked for a stored copy only ({@code only-if-cached}), and its copy, if it
 *     has one, is taken instead; zero never asks
 */
public record TierConfig(
    TierRole role,
    List<Parent> primary,
    List<Parent> secondary,
    Duration connectTimeout,
    Duration headTimeout,
    Duration retryAfter,
    Duration askNextAfter) {

  /**
   * Half a second: above a regional hit's head (a few ms) and a healthy miss's (an origin round
   * trip and its read, 75-110 ms in bench/topology-ttfb at load 20), below a player's segment
   * timeout (1 s in bench/topology-drills), which a parent stuck on a dead origin would otherwise
   * outlast by the whole head timeout.
   */
  static final Duration DEFAULT_ASK_NEXT_AFTER = Duration.ofMillis(500);

  public static TierConfig from(Settings s) {
    TierRole role = TierRole.parse(s.string("edge.tier", "edge"));
    List<Parent> primary = parse("edge.parents.primary", s.string("edge.parents.primary", ""));
    List<Parent> secondary =
        parse("edge.parents.secondary", s.string("edge.parents.secondary", ""));
    if (primary.isEmpty() && !secondary.isEmpty())
      throw new ConfigException("edge.parents.secondary needs edge.parents.primary");
    Duration askNextAfter = s.duration("edge.parents.ask-next-after", DEFAULT_ASK_NEXT_AFTER);
    if (askNextAfter.isNegative())
      throw new ConfigException(
          "edge.parents.ask-next-after must be 0s (never) or more, was " + askNextAfter);
    return new TierConfig(
        role,
        primary,
        secondary,
        s.duration("edge.parents.connect-timeout", Duration.ofSeconds(1)),
        s.duration("edge.parents.head-timeout", Duration.ofSeconds(5)),
        s.duration("edge.parents.retry-after", Duration.ofSeconds(5)),
        askNextAfter);
  }

  /** A regional or cloud cache: serves its children's fills on its control listener. */
  public boolean parentTier() {
    return role.parentTier();
  }

  public boolean hasParents() {
    return !primary.isEmpty();
  }

  /** {@code name=https://host:port,...}, the form of {@code edge.site-peers}. */
  static List<Parent> parse(String key, String spec) {
    List<Parent> parents = new ArrayList<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0)
        throw new ConfigException(key + " must be name=https://host:port,..., was '" + spec + "'");
      parents.add(
          new Parent(entry.substring(0, eq).strip(), url(key, entry.substring(eq + 1).strip())));
    }
    if (parents.stream().map(Parent::name).distinct().count() < parents.size())
      throw new ConfigException(key + " names a cache twice: '" + spec + "'");
    return List.copyOf(parents);
  }

  private static URI url(String key, String value) {
    try {
      URI uri = URI.create(value);
      if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) return uri;
    } catch (IllegalArgumentException e) {
      // reported below with the rule
    }
    throw new ConfigException(
        key + ": a parent's URL is its control listener, https://host:port, was '" + value + "'");
  }
}
